package org.livecam.bench;

import java.util.Arrays;

/**
 * Whether one server figure kept growing over a soak, judged from its samples after warm-up
 * (-1 marks a sample that could not be read; it is left out). The samples are split in thirds;
 * the figure's end is the median of the last third, so one high sample (a collection about to
 * happen, a burst of viewers) does not fail a run, while a figure that climbs all along does. The
 * baseline is the first sample after warm-up ({@link Basis#FIRST_SAMPLE}, for RSS: "within 10 %
 * of its value after warm-up") or the median of the first third ({@link Basis#FIRST_THIRD}, for
 * figures that move with the viewers connected at the moment of the sample). The figure grew
 * when its end is above baseline + max(relative slack × baseline, absolute slack). Fewer than
 * three known samples cannot show a trend: the verdict says so instead.
 */
record GrowthRule(String name, String unit, Basis basis, double relativeSlack, long absoluteSlack) {
    static final long MB = 1024 * 1024;
    static final GrowthRule RSS = new GrowthRule("RSS", "MB", Basis.FIRST_SAMPLE, 0.10, 0);
    static final GrowthRule DIRECT_MEMORY = new GrowthRule("direct memory", "MB", Basis.FIRST_THIRD, 0.10, 16 * MB);
    static final GrowthRule OPEN_FILES = new GrowthRule("open files", "", Basis.FIRST_THIRD, 0.05, 16);
    static final GrowthRule THREADS = new GrowthRule("threads", "", Basis.FIRST_THIRD, 0.05, 4);
    static final int MIN_SAMPLES = 3;

    enum Basis { FIRST_SAMPLE, FIRST_THIRD }

    /** One figure's verdict; {@code samples} is how many known samples it rests on. */
    record Verdict(GrowthRule rule, int samples, long baseline, long end, long limit) {
        boolean judged() {
            return samples >= MIN_SAMPLES;
        }

        boolean grew() {
            return judged() && end > limit;
        }

        /** "RSS: 312.4 MB after warm-up, 318.0 MB at the end (median of the last third), limit 343.6 MB: flat". */
        String describe() {
            if (samples == 0) {
                return rule.name + ": not measured";
            }
            if (!judged()) {
                return rule.name + ": only " + samples + " sample(s) after warm-up, " + MIN_SAMPLES + " needed to judge";
            }
            String from = rule.basis == Basis.FIRST_SAMPLE ? "after warm-up" : "in the first third after warm-up (median)";
            return String.format("%s: %s %s, %s at the end (median of the last third), limit %s: %s", rule.name,
                    rule.format(baseline), from, rule.format(end), rule.format(limit), grew() ? "GREW" : "flat");
        }
    }

    Verdict judge(long[] samples) {
        long[] known = Arrays.stream(samples).filter(v -> v >= 0).toArray();
        if (known.length < MIN_SAMPLES) {
            return new Verdict(this, known.length, -1, -1, -1);
        }
        int third = known.length / 3;
        long baseline = basis == Basis.FIRST_SAMPLE ? known[0] : median(known, 0, third);
        long end = median(known, known.length - third, known.length);
        long limit = baseline + Math.max(absoluteSlack, (long) Math.ceil(baseline * relativeSlack));
        return new Verdict(this, known.length, baseline, end, limit);
    }

    String format(long value) {
        return unit.equals("MB") ? String.format("%.1f MB", value / (double) MB) : Long.toString(value);
    }

    private static long median(long[] values, int from, int to) {
        long[] part = Arrays.copyOfRange(values, from, to);
        Arrays.sort(part);
        int n = part.length;
        return n % 2 == 1 ? part[n / 2] : (part[n / 2 - 1] + part[n / 2]) / 2;
    }
}
