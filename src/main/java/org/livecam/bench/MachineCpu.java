package org.livecam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU from the first line of /proc/stat, so a report can say when every
 * core was busy (the server and the load tool then only share what is left). -1 when unknown.
 */
record MachineCpu(long busyTicks, long totalTicks) {
    static MachineCpu sample() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineCpu(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(-1, -1);
        }
    }

    /** Busy share of all cores since {@code earlier}, 0 to 100. */
    double busyPercentSince(MachineCpu earlier) {
        long total = totalTicks - earlier.totalTicks;
        if (busyTicks < 0 || earlier.busyTicks < 0 || total <= 0) {
            return -1;
        }
        return 100.0 * (busyTicks - earlier.busyTicks) / total;
    }
}
