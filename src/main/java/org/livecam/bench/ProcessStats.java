package org.livecam.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of a process, read from Linux's /proc: utime + stime from
 * {@code /proc/PID/stat} (stime apart too: time in the kernel, where a fan-out's socket writes go), VmRSS / VmHWM from {@code /proc/PID/status}, and the time its threads
 * spent runnable but waiting for a CPU (the second field of each
 * {@code /proc/PID/task/TID/schedstat}, summed). Two samples give the CPU used between them as a
 * percentage of one core, and how long the process was kept waiting: on a shared machine that
 * wait, not the code, is often what makes latency. Elsewhere (no /proc) every value is -1.
 */
record ProcessStats(long cpuTicks, long kernelTicks, long jitTicks, long rssKb, long peakRssKb, long runQueueWaitNanos, long atNanos) {
    // USER_HZ is 100 on every Linux the JDK supports; Java cannot ask sysconf for it.
    private static final double TICKS_PER_SECOND = 100;

    /** {@code pid} is a number or "self". */
    static ProcessStats sample(String pid) {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long kernel = Long.parseLong(fields[12]); // stime (field 15)
            long ticks = Long.parseLong(fields[11]) + kernel; // utime (field 14) + stime
            List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
            return new ProcessStats(ticks, kernel, jitTicks(pid), kb(status, "VmRSS:"), kb(status, "VmHWM:"), runQueueWait(pid), now);
        } catch (IOException | RuntimeException e) {
            return unknown();
        }
    }

    static ProcessStats unknown() {
        return new ProcessStats(-1, -1, -1, -1, -1, -1, System.nanoTime());
    }

    /**
     * Milliseconds per second that the process's threads waited for a CPU since {@code earlier}
     * (summed over threads, so it can pass 1000), or -1. Threads that ended in between are missed.
     */
    double runQueueWaitMillisPerSecondSince(ProcessStats earlier) {
        if (runQueueWaitNanos < 0 || earlier.runQueueWaitNanos < 0 || atNanos <= earlier.atNanos) {
            return -1;
        }
        return (runQueueWaitNanos - earlier.runQueueWaitNanos) / 1e6 / ((atNanos - earlier.atNanos) / 1e9);
    }

    /**
     * CPU ticks of the JVM's JIT compiler threads (HotSpot names them "C1/C2 CompilerThreadN"),
     * or 0 for another process: the first minute of a JVM under load is partly compiling, which
     * a short run counts against the server as if it were writing.
     */
    private static long jitTicks(String pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long runQueueWait(String pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked, or the kernel has no schedstats
                }
            }
            return total;
        } catch (IOException e) {
            return -1;
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

    /** Of {@link #cpuPercentSince}, the part spent in the kernel (system time), in percent of one core. */
    double kernelPercentSince(ProcessStats earlier) {
        return ticksPercentSince(kernelTicks, earlier.kernelTicks, earlier);
    }

    /** Of {@link #cpuPercentSince}, the part the JIT compiler threads used, in percent of one core. */
    double jitPercentSince(ProcessStats earlier) {
        if (jitTicks < 0 || earlier.jitTicks < 0) {
            return -1;
        }
        // The JVM stops idle compiler threads (and their ticks leave the sum with them): a shrunk sum is no compiling.
        return ticksPercentSince(Math.max(jitTicks, earlier.jitTicks), earlier.jitTicks, earlier);
    }

    private double ticksPercentSince(long ticks, long earlierTicks, ProcessStats earlier) {
        if (!known() || !earlier.known() || atNanos <= earlier.atNanos) {
            return -1;
        }
        double seconds = (atNanos - earlier.atNanos) / 1e9;
        return (ticks - earlierTicks) / TICKS_PER_SECOND / seconds * 100;
    }

    /** The number after {@code key} in /proc/PID/status lines (VmRSS: in kB, Threads:), or -1. */
    static long kb(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
