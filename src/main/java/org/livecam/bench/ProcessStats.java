package org.livecam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of a process, read from Linux's /proc: utime + stime from
 * {@code /proc/PID/stat} and VmRSS / VmHWM from {@code /proc/PID/status}. Two samples give the
 * CPU used between them as a percentage of one core. Elsewhere (no /proc) every value is -1.
 */
record ProcessStats(long cpuTicks, long rssKb, long peakRssKb, long atNanos) {
    // USER_HZ is 100 on every Linux the JDK supports; Java cannot ask sysconf for it.
    private static final double TICKS_PER_SECOND = 100;

    /** {@code pid} is a number or "self". */
    static ProcessStats sample(String pid) {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
            return new ProcessStats(ticks, kb(status, "VmRSS:"), kb(status, "VmHWM:"), now);
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(-1, -1, -1, now);
        }
    }

    boolean known() {
        return cpuTicks >= 0;
    }

    /** CPU used since {@code earlier}, in percent of one core (200 means two cores busy). */
    double cpuPercentSince(ProcessStats earlier) {
        if (!known() || !earlier.known() || atNanos <= earlier.atNanos) {
            return -1;
        }
        double seconds = (atNanos - earlier.atNanos) / 1e9;
        return (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds * 100;
    }

    private static long kb(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
