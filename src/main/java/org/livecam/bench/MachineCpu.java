package org.livecam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU from the first line of /proc/stat, so a report can say when every
 * core was busy (the server and the load tool then only share what is left). -1 when unknown.
 */
record MachineCpu(long busyTicks, long softirqTicks, long totalTicks) {
    static MachineCpu sample() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineCpu(total - idle, Long.parseLong(f[7]), total);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(-1, -1, -1);
        }
    }

    /** Busy share of all cores since {@code earlier}, 0 to 100. */
    double busyPercentSince(MachineCpu earlier) {
        return percentOfAll(busyTicks, earlier.busyTicks, earlier);
    }

    /**
     * Share of all cores spent in softirq since {@code earlier}. Loopback TCP does much of its
     * work there, and Linux does not always charge it to the sending or receiving process.
     */
    double softirqPercentSince(MachineCpu earlier) {
        return percentOfAll(softirqTicks, earlier.softirqTicks, earlier);
    }

    /** {@code ticks} gained since {@code earlier} as a share of all ticks since then; -1 when either count is unknown. */
    private double percentOfAll(long ticks, long ticksEarlier, MachineCpu earlier) {
        long total = totalTicks - earlier.totalTicks;
        if (ticks < 0 || ticksEarlier < 0 || total <= 0) {
            return -1;
        }
        return 100.0 * (ticks - ticksEarlier) / total;
    }

    /** The 1-minute load average, to show how much else the machine was running. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
