package org.livecam.bench;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The part of a bench report that spans several processes: what the viewers on each
 * {@code --view-server} saw, and what each {@code --watch-pid} process used. Printed after the
 * main report; empty (nothing printed) without either option.
 */
record ClusterReport(List<NodeView> nodes, List<WatchedProcesses.Usage> watched) {

    /** The full-speed viewers of one node; latency is publish (on {@code --server}) to whole frame at a viewer of this node. */
    record NodeView(URI url, int viewers, int connected, double freshFpsMin, double freshFpsMedian,
                    long latencyP50Micros, long latencyP99Micros, long latencyMaxMicros, long latencySamples) {
    }

    static ClusterReport empty() {
        return new ClusterReport(List.of(), List.of());
    }

    /** The view of the node whose URL is {@code url}, or null. */
    NodeView node(String url) {
        return nodes.stream().filter(n -> n.url().toString().equals(url)).findFirst().orElse(null);
    }

    /** The usage of the process watched as {@code name}, or null. */
    WatchedProcesses.Usage process(String name) {
        return watched.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
    }

    void print(PrintStream out) {
        for (NodeView n : nodes) {
            out.printf(Locale.ROOT, "  view server      %s: %d of %d viewers connected, fresh fps min %.1f, median %.1f; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames)%n",
                    n.url(), n.connected(), n.viewers(), n.freshFpsMin(), n.freshFpsMedian(),
                    n.latencyP50Micros() / 1000.0, n.latencyP99Micros() / 1000.0, n.latencyMaxMicros() / 1000.0, n.latencySamples());
        }
        for (WatchedProcesses.Usage w : watched) {
            out.println("  " + w.line());
        }
    }
}
