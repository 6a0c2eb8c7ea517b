package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The soak's rule for "kept growing", on made-up sample series: flat, noisy, a spike, a climb, a step. */
class GrowthRuleTest {
    private static final long MB = GrowthRule.MB;

    static Stream<Arguments> series() {
        return Stream.of(
                // RSS: the first sample after warm-up is the baseline, the last third's median the end, 10 % the limit.
                Arguments.of("flat RSS", GrowthRule.RSS, mb(300, 301, 299, 302, 300, 301), false),
                Arguments.of("RSS within 10 %", GrowthRule.RSS, mb(300, 310, 320, 325, 328, 329), false),
                Arguments.of("RSS climbing past 10 %", GrowthRule.RSS, mb(300, 310, 320, 330, 340, 350), true),
                Arguments.of("one RSS spike at the end is not a trend", GrowthRule.RSS, mb(300, 300, 300, 300, 300, 300, 300, 300, 400), false),
                Arguments.of("RSS that fell and stays low", GrowthRule.RSS, mb(300, 250, 240, 245, 240, 242), false),
                // Open files move with the viewers connected at the moment: the first third's median against the last third's, slack max(5 %, 16).
                Arguments.of("open files wobbling with viewers", GrowthRule.OPEN_FILES, of(140, 152, 133, 147, 139, 150, 141, 136, 149), false),
                Arguments.of("open files leaking a few per sample", GrowthRule.OPEN_FILES, of(140, 145, 150, 155, 160, 165, 170, 175, 180), true),
                Arguments.of("open files up by 16 is within the slack", GrowthRule.OPEN_FILES, of(100, 100, 100, 116, 116, 116), false),
                Arguments.of("open files up by 17 grew", GrowthRule.OPEN_FILES, of(100, 100, 100, 117, 117, 117), true),
                // Threads: slack max(5 %, 4), so a pool that made one more worker is not a leak, a thread per viewer is.
                Arguments.of("threads, one more worker", GrowthRule.THREADS, of(40, 40, 41, 41, 41, 41), false),
                Arguments.of("threads, one per minute", GrowthRule.THREADS, of(40, 41, 42, 43, 44, 45, 46, 47, 48), true),
                Arguments.of("threads, a step up that stays", GrowthRule.THREADS, of(40, 40, 40, 50, 50, 50), true),
                // Direct memory swings with collections: slack max(10 %, 16 MB).
                Arguments.of("direct memory swinging between collections", GrowthRule.DIRECT_MEMORY, mb(40, 70, 45, 60, 42, 66, 50, 48, 55), false),
                Arguments.of("direct memory climbing", GrowthRule.DIRECT_MEMORY, mb(40, 50, 60, 70, 80, 90, 100, 110, 120), true),
                // Samples that could not be read (-1) are left out.
                Arguments.of("unreadable samples skipped", GrowthRule.THREADS, of(40, -1, 40, -1, 41, 40), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void judgesWhetherAFigureKeptGrowing(String name, GrowthRule rule, long[] samples, boolean grew) {
        GrowthRule.Verdict verdict = rule.judge(samples);

        assertThat(verdict.judged()).isTrue();
        assertThat(verdict.grew()).as(verdict.describe()).isEqualTo(grew);
        assertThat(verdict.describe()).startsWith(rule.name()).endsWith(grew ? "GREW" : "flat");
    }

    @ParameterizedTest(name = "{0} known samples")
    @MethodSource("tooFew")
    void fewerThanThreeSamplesAreNotJudged(int known, long[] samples) {
        GrowthRule.Verdict verdict = GrowthRule.RSS.judge(samples);

        assertThat(verdict.judged()).isFalse();
        assertThat(verdict.grew()).isFalse();
        assertThat(verdict.describe()).contains(known == 0 ? "not measured" : "only " + known + " sample(s)");
    }

    static Stream<Arguments> tooFew() {
        return Stream.of(Arguments.of(0, of()), Arguments.of(0, of(-1, -1, -1)), Arguments.of(2, mb(100, 500)), Arguments.of(2, of(-1, 100, 500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void readsDirectMemoryFromAPrometheusPage(String page, long bytes) {
        assertThat(ServerVitals.directBytes(page)).isEqualTo(bytes);
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("# HELP jvm_buffer_memory_used_bytes x\njvm_buffer_memory_used_bytes{id=\"mapped\"} 0.0\n"
                        + "jvm_buffer_memory_used_bytes{id=\"direct\"} 4.2991616E7\n", 42_991_616L),
                Arguments.of("jvm_buffer_memory_used_bytes{application=\"livecam\",id=\"direct\"} 1024.0\n", 1024L),
                Arguments.of("jvm_buffer_count_buffers{id=\"direct\"} 12.0\n", -1L));
    }

    private static long[] of(long... values) {
        return values;
    }

    private static long[] mb(long... megabytes) {
        return Arrays.stream(megabytes).map(v -> v * MB).toArray();
    }
}
