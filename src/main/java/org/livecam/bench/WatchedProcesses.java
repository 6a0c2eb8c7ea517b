package org.livecam.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Processes whose CPU and memory a bench run reports beside the server's ({@code --watch-pid
 * NAME=PID}): the other nodes of a cluster, Redis. Sampled from /proc at the start and the end of
 * the measured window, on the bench's main thread.
 */
final class WatchedProcesses {
    private final Map<String, Long> pids;
    private final Map<String, ProcessStats> atStart = new LinkedHashMap<>();

    /** {@code pids}: name to process id, in the order to report them. */
    WatchedProcesses(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    static WatchedProcesses none() {
        return new WatchedProcesses(Map.of());
    }

    /**
     * Reads {@code NAME=PID} pairs; an {@link IllegalArgumentException} that says which one is wrong.
     * A name may repeat only once: the report is by name.
     */
    static WatchedProcesses parse(List<String> pairs) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = eq > 0 ? pair.substring(0, eq).trim() : "";
            String pid = eq > 0 ? pair.substring(eq + 1).trim() : "";
            if (name.isEmpty() || !pid.matches("[1-9]\\d{0,9}")) {
                throw new IllegalArgumentException("--watch-pid takes NAME=PID, such as redis=1234, not '" + pair + "'");
            }
            if (pids.put(name, Long.parseLong(pid)) != null) {
                throw new IllegalArgumentException("--watch-pid names " + name + " twice");
            }
        }
        return new WatchedProcesses(pids);
    }

    boolean isEmpty() {
        return pids.isEmpty();
    }

    /** Samples every process at the start of the measured window. */
    void start() {
        pids.forEach((name, pid) -> atStart.put(name, ProcessStats.sample(Long.toString(pid))));
    }

    /** Samples every process again: what each used since {@link #start}. */
    List<Usage> end() {
        List<Usage> usage = new ArrayList<>();
        pids.forEach((name, pid) -> {
            ProcessStats end = ProcessStats.sample(Long.toString(pid));
            ProcessStats start = atStart.getOrDefault(name, ProcessStats.unknown());
            usage.add(new Usage(name, pid, end.cpuPercentSince(start), end.rssKb(), end.peakRssKb(), end.runQueueWaitMillisPerSecondSince(start)));
        });
        return usage;
    }

    /** What one watched process used in the measured window; -1 where unknown (gone, or not Linux). */
    record Usage(String name, long pid, double cpuPercent, long rssKb, long peakRssKb, double cpuWaitMillisPerSecond) {
        String line() {
            if (cpuPercent < 0) {
                return String.format(Locale.ROOT, "%-16s pid %d: CPU and RSS unknown (no such process, or no /proc)", name, pid);
            }
            return String.format(Locale.ROOT, "%-16s CPU %.0f%% of one core, RSS %d MB (peak %d MB), pid %d; its threads waited %.0f ms/s for a CPU",
                    name, cpuPercent, rssKb / 1024, peakRssKb / 1024, pid, cpuWaitMillisPerSecond);
        }
    }
}
