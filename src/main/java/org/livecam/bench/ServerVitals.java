package org.livecam.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The figures a soak watches in the server, each -1 when it cannot be read: RSS and threads from
 * {@code /proc/PID/status} (VmRSS, Threads), open files by counting {@code /proc/PID/fd}, and the
 * JVM's direct buffer memory from the server's own {@code GET /metrics}
 * ({@code jvm_buffer_memory_used_bytes{id="direct"}}, with the metrics token when one is set),
 * scraped every {@link #SCRAPE_EVERY} as a Prometheus would by default: the server answers a
 * scrape on its Vert.x worker pool, which starts one more of its 20 threads for each task until it
 * has them all, so a soak that scraped once a minute would see threads climb for 20 minutes.
 * Read on the soak's main thread.
 */
final class ServerVitals {
    private static final String DIRECT_SERIES = "jvm_buffer_memory_used_bytes{";

    private final String pid;
    private final URI metrics;
    private final String metricsToken;
    private final HttpClient client;
    static final Duration SCRAPE_EVERY = Duration.ofSeconds(15);

    private String lastMetricsError;
    private long lastDirectBytes = -1;

    ServerVitals(long pid, URI server, String metricsToken, HttpClient client) {
        this.pid = Long.toString(pid);
        this.metrics = server.resolve("/metrics");
        this.metricsToken = metricsToken;
        this.client = client;
    }

    /** One reading of the figures. */
    record Sample(long rssBytes, long directBytes, long openFiles, long threads, ProcessStats cpu) {
    }

    Sample sample() {
        long rssKb = -1;
        long threads = -1;
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", pid, "status"));
            rssKb = ProcessStats.kb(status, "VmRSS:");
            threads = ProcessStats.kb(status, "Threads:");
        } catch (IOException | RuntimeException e) {
            // the process is gone, or this is not Linux: the figures stay unknown
        }
        return new Sample(rssKb < 0 ? -1 : rssKb * 1024, lastDirectBytes, openFiles(), threads, ProcessStats.sample(pid));
    }

    /** Reads /metrics now; the next {@link #sample} gives what it read. */
    void scrape() {
        lastDirectBytes = directMemory();
    }

    /** Why the last /metrics read failed, or null. */
    String lastMetricsError() {
        return lastMetricsError;
    }

    private long openFiles() {
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid, "fd"))) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long directMemory() {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10));
        if (metricsToken != null && !metricsToken.isBlank()) {
            request.header("Authorization", "Bearer " + metricsToken);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                lastMetricsError = "GET /metrics answered " + response.statusCode()
                        + (response.statusCode() == 401 ? " (give --metrics-token)" : "");
                return -1;
            }
            long direct = directBytes(response.body());
            lastMetricsError = direct < 0 ? "no " + DIRECT_SERIES + "id=\"direct\"} in /metrics" : null;
            return direct;
        } catch (IOException e) {
            lastMetricsError = "GET /metrics: " + e;
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The direct buffer pool's bytes in a Prometheus text page, or -1. */
    static long directBytes(String page) {
        for (String line : page.split("\n")) {
            if (line.startsWith(DIRECT_SERIES) && line.contains("id=\"direct\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]);
            }
        }
        return -1;
    }
}
