package org.livecam.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.livecam.config.OpenFileLimits;

/**
 * One bench run: encode the frames, start the publisher, open the viewers a batch at a time,
 * warm up, then measure for the set duration with a progress line every few seconds. Runs on
 * the caller's thread; the publisher and the viewer loops have their own.
 */
final class Bench {
    private static final int OPEN_BATCH = 50;

    private final BenchSettings s;
    private final PrintStream out;
    private final BenchTls tls;
    private ViewServers viewServers;
    private WatchedProcesses watched = WatchedProcesses.none();
    private ClusterReport cluster = ClusterReport.empty();

    Bench(BenchSettings settings, PrintStream out) {
        this(settings, out, BenchTls.none());
    }

    Bench(BenchSettings settings, PrintStream out, BenchTls tls) {
        this.s = settings;
        this.out = out;
        this.tls = tls;
        this.viewServers = ViewServers.only(settings.server(), tls.on());
    }

    /** Viewers watch on {@code viewServers} (round robin) instead of the publisher's server; {@code watched} are reported too. */
    Bench(BenchSettings settings, PrintStream out, BenchTls tls, ViewServers viewServers, WatchedProcesses watched) {
        this(settings, out, tls);
        this.viewServers = viewServers;
        this.watched = watched;
    }

    /** Each view server's viewers and each watched process, after {@link #run}. */
    ClusterReport cluster() {
        return cluster;
    }

    BenchResult run() throws IOException, InterruptedException {
        String host = s.server().getHost();
        int port = s.server().getPort() > 0 ? s.server().getPort() : tls.on() ? 443 : 80;
        InetSocketAddress address = new InetSocketAddress(host, port);

        BenchFrames frames = BenchFrames.make(s.width(), s.height(), s.ringFrames(), s.quality());
        out.printf("Encoded %d distinct %dx%d JPEGs, %d KB on average%n", frames.count(), s.width(), s.height(), frames.averageBytes() / 1000);

        MeasureWindow window = new MeasureWindow();
        List<ViewerLoop> loops = new ArrayList<>();
        MeasureWindow stall = new MeasureWindow();
        MeasureWindow afterStall = new MeasureWindow();
        checkOpenFiles();
        try (FramePublisher publisher = new FramePublisher(address, s.camera(), s.token(), frames, s.fps(), s.publishWindow(), window,
                s.sameFrame(), tls)) {
            publisher.start();
            awaitFirstPublish(publisher);
            if (viewServers.explicit()) {
                viewServers.awaitCamera(s.camera(), tls, 15_000);
            }
            for (int i = 0; i < s.viewerThreads(); i++) {
                ViewerLoop loop = new ViewerLoop(address, "bench-viewers-" + i, tls);
                loop.start();
                loops.add(loop);
            }
            List<ViewerStats> fast = new ArrayList<>();
            List<ViewerStats> slow = new ArrayList<>();
            List<ViewerStats> stalled = new ArrayList<>();
            openViewers(loops, window, fast, slow);
            openStalledViewers(loops, stall, afterStall, stalled);
            Thread.sleep(s.warmup().toMillis());

            ProcessStats serverStart = serverStats();
            watched.start();
            ProcessStats toolStart = ProcessStats.sample("self");
            MachineCpu machineStart = MachineCpu.sample();
            double loadAtStart = MachineCpu.loadAverage();
            long sentStart = publisher.sent();
            long skippedStart = publisher.skipped();
            long start = System.nanoTime();
            long stallEnd = start + s.stallFor().toNanos();
            stall.close(stallEnd);
            stall.open(start);
            afterStall.open(stallEnd);
            window.open(start);
            long peakRssKb = measure(start, publisher, fast, slow, stalled);
            long end = System.nanoTime();
            window.close(end);
            afterStall.close(end);
            ProcessStats serverEnd = serverStats();
            List<WatchedProcesses.Usage> watchedUsage = watched.end();
            ProcessStats toolEnd = ProcessStats.sample("self");
            MachineCpu machineEnd = MachineCpu.sample();
            long sentEnd = publisher.sent();
            long skippedEnd = publisher.skipped();

            publisher.close();
            loops.forEach(ViewerLoop::close);
            double seconds = (end - start) / 1e9;
            cluster = new ClusterReport(viewServers.explicit() ? nodeViews(seconds) : List.of(), watchedUsage);
            return result(frames, seconds, (sentEnd - sentStart) / seconds, skippedEnd - skippedStart, publisher, loops, fast, slow, stalled,
                    serverStart, serverEnd, Math.max(peakRssKb, serverEnd.peakRssKb()), toolStart, toolEnd, machineStart, machineEnd,
                    loadAtStart, MachineCpu.loadAverage());
        } finally {
            loops.forEach(ViewerLoop::close);
        }
    }

    private void awaitFirstPublish(FramePublisher publisher) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (publisher.accepted() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the server accepted no frame in 10 s: "
                        + (publisher.lastError() == null ? "no answer" : publisher.lastError()));
            }
            Thread.sleep(20);
        }
    }

    private void openViewers(List<ViewerLoop> loops, MeasureWindow window,
                             List<ViewerStats> fast, List<ViewerStats> slow) throws InterruptedException {
        int total = s.viewers() + s.slowViewers();
        for (int i = 0; i < total; i++) {
            ViewerLoop loop = loops.get(i % loops.size());
            ViewServers.Node node = viewServers.of(i);
            boolean throttled = i >= s.viewers();
            ViewerStats stats = throttled ? new ViewerStats(window, loop.slowAge())
                    : new ViewerStats(window, loop.latency()).alsoRecordingTo(node.latency(i % loops.size()));
            (throttled ? slow : fast).add(stats);
            if (!throttled) {
                node.add(stats);
            }
            loop.open(new LoadViewerSocket(s.protocol().decoder(node.host(), s.camera(), s.variantQuery(), stats, s.variant()), stats,
                    throttled ? s.slowBytesPerSecond() : 0, throttled ? s.slowReceiveBufferBytes() : 0).to(node.address()));
            if (i % OPEN_BATCH == OPEN_BATCH - 1) {
                Thread.sleep(20); // a burst of a thousand SYNs would overflow the server's accept backlog
            }
        }
        out.printf("Opened %d %s viewers (%d slow) on %d threads; warming up for %d s%n", total,
                s.protocol().name().toLowerCase(), s.slowViewers(), loops.size(), s.warmup().toSeconds());
    }

    /**
     * Viewers that read nothing while {@code stall} lasts, then at full speed; they count from
     * {@code afterStall} on, so their rates say what the server gives them once they keep up again.
     */
    private void openStalledViewers(List<ViewerLoop> loops, MeasureWindow stall, MeasureWindow afterStall,
                                    List<ViewerStats> stalled) throws InterruptedException {
        for (int i = 0; i < s.stallViewers(); i++) {
            ViewerLoop loop = loops.get(i % loops.size());
            ViewServers.Node node = viewServers.of(i);
            ViewerStats stats = new ViewerStats(afterStall, loop.afterStall());
            stalled.add(stats);
            loop.open(new LoadViewerSocket(s.protocol().decoder(node.host(), s.camera(), s.variantQuery(), stats, s.variant()), stats, 0, 0)
                    .stallingDuring(stall).to(node.address()));
            if (i % OPEN_BATCH == OPEN_BATCH - 1) {
                Thread.sleep(20);
            }
        }
        if (s.stallViewers() > 0) {
            out.printf("Opened %d more viewers that stall for %.1f s at the start of the measured window, then read at full speed%n",
                    s.stallViewers(), s.stallFor().toMillis() / 1000.0);
        }
    }

    /** Every viewer is a socket: says what the open-file limit allows (the JVM has raised the soft limit to the hard one). */
    private void checkOpenFiles() {
        int total = s.viewers() + s.slowViewers() + s.stallViewers();
        OpenFileLimits.read().ifPresent(limits -> {
            if (limits.connections() < total) {
                out.printf("Open-file limit %d (hard %d) leaves room for about %d viewers, not %d: the rest will fail to connect; "
                        + "raise it with ulimit -Hn / ulimit -n (as root) before running%n", limits.soft(), limits.hard(), limits.connections(), total);
            } else if (total > 1000) {
                out.printf("Open-file limit %d: room for %d viewers%n", limits.soft(), limits.connections());
            }
        });
    }

    /** Sleeps through the window, printing progress; returns the largest server RSS seen. */
    private long measure(long start, FramePublisher publisher, List<ViewerStats> fast, List<ViewerStats> slow, List<ViewerStats> stalled)
            throws InterruptedException {
        long end = start + s.duration().toNanos();
        long peakRssKb = 0;
        long lastFrames = 0;
        long lastBytes = 0;
        long lastSent = publisher.sent();
        long last = start;
        ProcessStats lastServer = serverStats();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return peakRssKb;
            }
            Thread.sleep(Math.max(1, Math.min(s.progressEvery().toMillis(), (end - now) / 1_000_000)));
            now = System.nanoTime();
            long frames = fast.stream().mapToLong(ViewerStats::frames).sum();
            long bytes = fast.stream().mapToLong(ViewerStats::bytes).sum() + slow.stream().mapToLong(ViewerStats::bytes).sum();
            long open = fast.stream().filter(ViewerStats::open).count() + slow.stream().filter(ViewerStats::open).count()
                    + stalled.stream().filter(ViewerStats::open).count();
            ProcessStats server = serverStats();
            peakRssKb = Math.max(peakRssKb, server.rssKb());
            double seconds = (now - last) / 1e9;
            out.printf("  %5.1f s  %d viewers open, %.0f frames/s in (%.1f per viewer), %.1f MB/s, publisher %.1f fps%s%n",
                    (now - start) / 1e9, open, (frames - lastFrames) / seconds,
                    fast.isEmpty() ? 0 : (frames - lastFrames) / seconds / fast.size(),
                    (bytes - lastBytes) / seconds / 1e6, (publisher.sent() - lastSent) / seconds,
                    server.known() ? String.format(", server CPU %.0f%%, RSS %d MB", server.cpuPercentSince(lastServer), server.rssKb() / 1024) : "");
            lastFrames = frames;
            lastBytes = bytes;
            lastSent = publisher.sent();
            lastServer = server;
            last = now;
        }
    }

    private ProcessStats serverStats() {
        return s.serverPid() == null ? ProcessStats.unknown() : ProcessStats.sample(Long.toString(s.serverPid()));
    }

    private BenchResult result(BenchFrames frames, double seconds, double publishedFps, long skipped, FramePublisher publisher,
                               List<ViewerLoop> loops, List<ViewerStats> fast, List<ViewerStats> slow, List<ViewerStats> stalled,
                               ProcessStats serverStart, ProcessStats serverEnd, long serverPeakRssKb,
                               ProcessStats toolStart, ProcessStats toolEnd, MachineCpu machineStart, MachineCpu machineEnd,
                               double loadAtStart, double loadAtEnd) {
        LatencyRecorder latency = new LatencyRecorder();
        LatencyRecorder slowAge = new LatencyRecorder();
        LatencyRecorder afterStall = new LatencyRecorder();
        for (ViewerLoop loop : loops) {
            latency.add(loop.latency());
            slowAge.add(loop.slowAge());
            afterStall.add(loop.afterStall());
        }
        double afterStallSeconds = Math.max(1e-3, seconds - s.stallFor().toNanos() / 1e9);
        double[] stalledFresh = stalled.stream().mapToDouble(v -> v.freshFrames() / afterStallSeconds).sorted().toArray();
        double[] parts = fast.stream().mapToDouble(v -> v.frames() / seconds).sorted().toArray();
        double[] fresh = fast.stream().mapToDouble(v -> v.freshFrames() / seconds).sorted().toArray();
        double[] slowFps = slow.stream().mapToDouble(v -> v.freshFrames() / seconds).sorted().toArray();
        List<ViewerStats> everyone = new ArrayList<>(fast);
        everyone.addAll(slow);
        everyone.addAll(stalled);
        long bytes = everyone.stream().mapToLong(ViewerStats::bytes).sum();
        LatencyRecorder roundTrip = publisher.roundTrip();
        return new BenchResult(s, frames.averageBytes(), seconds, publishedFps, skipped, publisher.failures(), publisher.lastError(),
                roundTrip.percentileMicros(50), roundTrip.percentileMicros(99),
                (int) everyone.stream().filter(ViewerStats::connected).count(),
                (int) everyone.stream().filter(ViewerStats::open).count(),
                everyone.stream().map(ViewerStats::failure).filter(f -> f != null).findFirst().orElse(null),
                fresh.length == 0 ? 0 : fresh[0], median(fresh), fresh.length == 0 ? 0 : fresh[fresh.length - 1],
                bytes / seconds / 1e6,
                latency.percentileMicros(50), latency.percentileMicros(99), latency.maxMicros(), latency.count(),
                (int) slow.stream().filter(v -> v.frames() > 0).count(), median(slowFps),
                slowAge.percentileMicros(50), slowAge.maxMicros(),
                serverEnd.cpuPercentSince(serverStart), serverEnd.kernelPercentSince(serverStart), serverEnd.jitPercentSince(serverStart),
                serverEnd.rssKb(), serverPeakRssKb,
                serverEnd.runQueueWaitMillisPerSecondSince(serverStart),
                toolEnd.cpuPercentSince(toolStart), toolEnd.runQueueWaitMillisPerSecondSince(toolStart), machineEnd.busyPercentSince(machineStart),
                machineEnd.softirqPercentSince(machineStart), loadAtStart, loadAtEnd,
                (int) stalled.stream().filter(ViewerStats::connected).count(),
                stalledFresh.length == 0 ? 0 : stalledFresh[0], median(stalledFresh), afterStall.percentileMicros(99),
                s.variant() ? sizes(fast, slow) : null, median(parts), parts.length == 0 ? 0 : parts[parts.length - 1]);
    }

    /** Which sizes viewers got, as shares of their frames: "fast 1280x720 100%; slow 640x360 80%, 480x270 20%". */
    private static String sizes(List<ViewerStats> fast, List<ViewerStats> slow) {
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, List<ViewerStats>> group : Map.of("fast", fast, "slow", slow).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Map<String, Long> counts = new TreeMap<>();
            group.getValue().forEach(v -> v.sizes().forEach((size, n) -> counts.merge(size, n, Long::sum)));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                groups.add(group.getKey() + " " + counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                        .collect(Collectors.joining(", ")));
            }
        }
        return groups.isEmpty() ? "no sizes read (WebSocket viewers do not read them)" : String.join("; ", groups);
    }

    /** What the full-speed viewers of each view server saw; after the loops stopped. */
    private List<ClusterReport.NodeView> nodeViews(double seconds) {
        List<ClusterReport.NodeView> views = new ArrayList<>();
        for (ViewServers.Node node : viewServers.nodes()) {
            double[] fresh = node.fast().stream().mapToDouble(v -> v.freshFrames() / seconds).sorted().toArray();
            LatencyRecorder latency = node.latency();
            views.add(new ClusterReport.NodeView(node.url(), node.fast().size(), (int) node.fast().stream().filter(ViewerStats::connected).count(),
                    fresh.length == 0 ? 0 : fresh[0], median(fresh),
                    latency.percentileMicros(50), latency.percentileMicros(99), latency.maxMicros(), latency.count()));
        }
        return views;
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
