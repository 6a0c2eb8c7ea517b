package org.livecam.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * {@code livecam bench --soak}: a long run against a running server that watches whether the
 * server keeps growing. Cameras publish ({@link CameraRotation}) and viewers come and go
 * ({@link ViewerChurn}) while every interval a line gives the server's RSS, direct memory, open
 * files and threads ({@link ServerVitals}), its CPU, the load average, and what the viewers and
 * cameras did since the start. At the end each figure is judged by its {@link GrowthRule} on the
 * samples from the warm-up on. Runs on the caller's thread.
 */
final class Soak {
    private static final long TICK_MILLIS = 250;

    private final SoakSettings s;
    private final PrintWriter out;
    private final BenchTls tls;
    private final List<Long> elapsedMillis = new ArrayList<>();
    private final List<ServerVitals.Sample> samples = new ArrayList<>();
    private List<GrowthRule.Verdict> verdicts = List.of();

    Soak(SoakSettings settings, PrintWriter out, BenchTls tls) {
        this.s = settings;
        this.out = out;
        this.tls = tls;
    }

    /** Runs the soak and prints the verdict; 0 when nothing kept growing, 1 otherwise (the last line says why). */
    int run() throws IOException, InterruptedException {
        int port = s.server().getPort() > 0 ? s.server().getPort() : tls.on() ? 443 : 80;
        InetSocketAddress address = new InetSocketAddress(s.server().getHost(), port);
        HttpClient client = tls.httpClient();
        ServerVitals vitals = new ServerVitals(s.serverPid(), s.server(), s.metricsToken(), client);
        BenchFrames frames = BenchFrames.make(s.width(), s.height(), s.ringFrames(), s.quality());
        printHeader(frames);

        long start = System.nanoTime();
        try (CameraRotation cameras = new CameraRotation(address, s.token(), frames, s.fps(), s.churn(), s.cameraMinLife(), tls);
             ViewerChurn viewers = new ViewerChurn(address, s.server(), client, tls, () -> cameras.liveIds(), s.viewerMaxLife(), s.churn())) {
            cameras.start(s.cameras());
            viewers.start(s.viewers());
            long end = start + s.duration().toNanos();
            long nextLine = start + s.interval().toNanos();
            long scrapeEvery = Math.min(ServerVitals.SCRAPE_EVERY.toNanos(), s.interval().toNanos());
            long nextScrape = start;
            while (true) {
                Thread.sleep(Math.max(1, Math.min(TICK_MILLIS, (Math.min(nextLine, end) - System.nanoTime()) / 1_000_000)));
                long now = System.nanoTime();
                cameras.rotate(now);
                if (now >= nextScrape || now >= nextLine || now >= end) {
                    vitals.scrape();
                    nextScrape = now + scrapeEvery;
                }
                if (now >= nextLine || now >= end) {
                    sample(vitals, now - start, cameras, viewers);
                    nextLine += s.interval().toNanos();
                }
                if (now >= end) {
                    break;
                }
            }
            printProblems(vitals, cameras, viewers);
            return verdict(cameras.accepted(), viewers.joined());
        }
    }

    /** Each figure's verdict, once {@link #run} has returned. */
    List<GrowthRule.Verdict> verdicts() {
        return verdicts;
    }

    private void printHeader(BenchFrames frames) {
        out.printf("Soak for %s against %s (pid %d): %d cameras at %.0f fps (%dx%d, %d KB on average)%s; %d viewers %s%n",
                elapsed(s.duration().toMillis()), s.server(), s.serverPid(), s.cameras(), s.fps(), s.width(), s.height(),
                frames.averageBytes() / 1000, s.churn() ? ", each replaced by a new id after " + elapsed(s.cameraMinLife().toMillis())
                        + " to " + elapsed(s.cameraMinLife().toMillis() * 2) : "",
                s.viewers(), s.churn() ? "joining and leaving (each stays 1 s to " + elapsed(s.viewerMaxLife().toMillis()) + ")" : "staying");
        out.printf("Viewers in turn: %s. A line every %s; figures judged from %s on.%n",
                Arrays.stream(ViewerChurn.Kind.values()).map(k -> k.name().toLowerCase()).collect(Collectors.joining(", ")),
                elapsed(s.interval().toMillis()), elapsed(s.warmup().toMillis()));
        out.printf("%8s %8s %9s %6s %7s %5s %5s %7s %7s %7s %6s %10s %10s %7s%n", "elapsed", "rss_MB", "direct_MB", "files", "threads",
                "cpu%", "load", "viewers", "joined", "left", "failed", "published", "received", "cameras");
    }

    private void sample(ServerVitals vitals, long elapsedNanos, CameraRotation cameras, ViewerChurn viewers) {
        ServerVitals.Sample previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        ServerVitals.Sample now = vitals.sample();
        samples.add(now);
        elapsedMillis.add(elapsedNanos / 1_000_000);
        out.printf("%8s %8s %9s %6d %7d %5.0f %5.2f %7d %7d %7d %6d %10d %10d %3d/%-3d%n", elapsed(elapsedNanos / 1_000_000),
                megabytes(now.rssBytes()), megabytes(now.directBytes()), now.openFiles(), now.threads(),
                previous == null ? -1 : now.cpu().cpuPercentSince(previous.cpu()), MachineCpu.loadAverage(),
                viewers.watching(), viewers.joined(), viewers.left(), viewers.failed(), cameras.accepted(), viewers.frames(),
                cameras.liveIds().size(), cameras.made());
    }

    private void printProblems(ServerVitals vitals, CameraRotation cameras, ViewerChurn viewers) {
        if (vitals.lastMetricsError() != null) {
            out.println("Direct memory not read: " + vitals.lastMetricsError());
        }
        if (viewers.lastFailure() != null) {
            out.printf("%d viewers failed to join or were cut off; the last: %s%n", viewers.failed(), viewers.lastFailure());
            viewers.failureCounts().stream().limit(5).forEach(line -> out.println("  " + line));
        }
        if (cameras.failures() > 0) {
            out.printf("%d publish requests failed; the last: %s%n", cameras.failures(), cameras.lastError());
        }
    }

    private int verdict(long accepted, long joined) {
        int first = 0;
        while (first < elapsedMillis.size() && elapsedMillis.get(first) < s.warmup().toMillis()) {
            first++;
        }
        List<ServerVitals.Sample> judged = samples.subList(first, samples.size());
        verdicts = List.of(GrowthRule.RSS.judge(values(judged, ServerVitals.Sample::rssBytes)),
                GrowthRule.DIRECT_MEMORY.judge(values(judged, ServerVitals.Sample::directBytes)),
                GrowthRule.OPEN_FILES.judge(values(judged, ServerVitals.Sample::openFiles)),
                GrowthRule.THREADS.judge(values(judged, ServerVitals.Sample::threads)));
        out.printf("Verdict on %d samples from %s on:%n", judged.size(), elapsed(s.warmup().toMillis()));
        verdicts.forEach(v -> out.println("  " + v.describe()));
        List<String> grew = verdicts.stream().filter(GrowthRule.Verdict::grew).map(v -> v.rule().name()).toList();
        if (!samples.isEmpty() && samples.get(samples.size() - 1).rssBytes() < 0) {
            out.printf("Soak FAILED: the server's /proc/%d/status could not be read at the end: has it stopped?%n", s.serverPid());
            return 1;
        }
        if (accepted == 0 || joined == 0) {
            out.printf("Soak FAILED: %s%n", accepted == 0 ? "the server accepted no frame" : "no viewer could join");
            return 1;
        }
        if (verdicts.stream().filter(v -> v.rule() != GrowthRule.DIRECT_MEMORY).anyMatch(v -> !v.judged())) {
            out.printf("Soak FAILED: too few samples after warm-up to judge (%d; need %d): run longer, or give a shorter --soak-interval or --soak-warmup%n",
                    judged.size(), GrowthRule.MIN_SAMPLES);
            return 1;
        }
        if (!grew.isEmpty()) {
            out.printf("Soak FAILED: %s kept growing after warm-up%n", String.join(", ", grew));
            return 1;
        }
        out.println("Soak passed: nothing kept growing after warm-up");
        return 0;
    }

    private static long[] values(List<ServerVitals.Sample> samples, ToLongFunction<ServerVitals.Sample> figure) {
        return samples.stream().mapToLong(figure).toArray();
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format("%.1f", bytes / (double) GrowthRule.MB);
    }

    /** 75000 -> "1m15s", 20000 -> "20s". */
    static String elapsed(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return seconds < 60 ? seconds + "s" : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
