package org.livecam.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The viewers of a soak: a fixed number of slots, each a thread that joins a camera as one kind
 * of viewer ({@link Kind}, taken in turn), watches for a random lifetime, leaves and joins again,
 * so viewers come and go all the time while about the same number watch. Without churn a
 * viewer stays for the whole run (and joins again only after a failure). Streams are read on
 * blocking sockets through the bench's {@link StreamDecoder}s, snapshots through one shared
 * {@link HttpClient}. Counters are readable from any thread.
 */
final class ViewerChurn implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 1000;
    /** Longer than the server's --snapshot-wait (30 s by default), which answers a long poll on an idle camera. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(45);

    /** The ways a soak viewer watches; each slot starts at a different one and takes them in turn. */
    enum Kind {
        MJPEG(BenchSettings.Protocol.MJPEG, ""),
        WEBSOCKET(BenchSettings.Protocol.WS, ""),
        MJPEG_WIDTH_320(BenchSettings.Protocol.MJPEG, "?width=320"),
        WEBSOCKET_WIDTH_320(BenchSettings.Protocol.WS, "?width=320"),
        MJPEG_WIDTH_AUTO(BenchSettings.Protocol.MJPEG, "?width=auto"),
        SNAPSHOTS_AFTER(null, "");

        final BenchSettings.Protocol protocol;
        final String query;

        Kind(BenchSettings.Protocol protocol, String query) {
            this.protocol = protocol;
            this.query = query;
        }
    }

    private final InetSocketAddress server;
    private final URI base;
    private final HttpClient client;
    private final BenchTls tls;
    private final Supplier<List<String>> cameras;
    private final Duration maxLife;
    private final boolean churn;
    private final List<Thread> slots = new ArrayList<>();
    private final AtomicLong joined = new AtomicLong();
    private final AtomicLong left = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong watching = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private volatile String lastFailure;
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * {@code cameras} gives the ids to watch now (read at each join); with {@code churn} each
     * viewer stays between one second and {@code maxLife}.
     */
    ViewerChurn(InetSocketAddress server, URI base, HttpClient client, BenchTls tls, Supplier<List<String>> cameras, Duration maxLife, boolean churn) {
        this.server = server;
        this.base = base;
        this.client = client;
        this.tls = tls;
        this.cameras = cameras;
        this.maxLife = maxLife;
        this.churn = churn;
    }

    void start(int viewers) {
        for (int i = 0; i < viewers; i++) {
            int first = i;
            Thread slot = new Thread(() -> run(first), "soak-viewer-" + i);
            slot.setDaemon(true);
            slots.add(slot);
            slot.start();
        }
    }

    long joined() {
        return joined.get();
    }

    long left() {
        return left.get();
    }

    long failed() {
        return failed.get();
    }

    /** Viewers joined and not yet gone. */
    long watching() {
        return watching.get();
    }

    /** Frames (stream parts, WebSocket messages, snapshots) all viewers received. */
    long frames() {
        return frames.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Failures by kind of viewer and reason, most frequent first. */
    List<String> failureCounts() {
        return failures.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .map(e -> e.getValue().get() + " x " + e.getKey()).toList();
    }

    private void run(int first) {
        Kind[] kinds = Kind.values();
        for (int turn = first; running; turn++) {
            List<String> ids = cameras.get();
            if (ids.isEmpty()) {
                pause(200);
                continue;
            }
            String camera = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            long until = System.nanoTime() + lifetime().toNanos();
            Kind kind = kinds[turn % kinds.length];
            boolean[] in = new boolean[1];
            try {
                if (kind == Kind.SNAPSHOTS_AFTER) {
                    snapshots(camera, until, in);
                } else {
                    stream(kind, camera, until, in);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    failed.incrementAndGet();
                    String reason = kind.name().toLowerCase() + ": " + (e.getMessage() == null ? e : e.getMessage());
                    failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
                    lastFailure = reason + " (" + camera + ")";
                    pause(500);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                if (in[0]) {
                    watching.decrementAndGet();
                    left.incrementAndGet();
                }
            }
        }
    }

    private Duration lifetime() {
        if (!churn) {
            return Duration.ofDays(365);
        }
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(1000, Math.max(1001, maxLife.toMillis())));
    }

    /** Watches a stream until {@code until}; {@code in[0]} is set once the server accepted the viewer. */
    private void stream(Kind kind, String camera, long until, boolean[] in) throws IOException {
        ViewerStats stats = new ViewerStats(alwaysOpen(), new LatencyRecorder());
        StreamDecoder decoder = kind.protocol.decoder(server.getHostString() + ":" + server.getPort(), camera, kind.query, stats, false);
        try (Socket tcp = new Socket()) {
            tcp.connect(server, 5000);
            Socket socket = tls.over(tcp, server);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            ByteBuffer request = decoder.request();
            socket.getOutputStream().write(request.array(), 0, request.limit());
            InputStream input = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long counted = 0;
            while (running && System.nanoTime() < until) {
                int n;
                try {
                    n = input.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue; // an idle camera sends little; the lifetime is checked again
                }
                if (n < 0) {
                    throw new EOFException("the server closed the stream");
                }
                decoder.read(ByteBuffer.wrap(buffer, 0, n), System.nanoTime());
                if (!in[0] && stats.connected()) {
                    in[0] = true;
                    joined.incrementAndGet();
                    watching.incrementAndGet();
                }
                frames.addAndGet(stats.framesEver() - counted);
                counted = stats.framesEver();
            }
        }
    }

    /** Long-polls {@code snapshot.jpg?after=SEQ} for each next frame until {@code until}, as a page that polls does. */
    private void snapshots(String camera, long until, boolean[] in) throws IOException, InterruptedException {
        long after = 0;
        while (running && System.nanoTime() < until) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/cameras/" + camera + "/snapshot.jpg?after=" + after))
                    .timeout(SNAPSHOT_TIMEOUT).build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 && response.statusCode() != 304) {
                throw new IOException("snapshot answered " + response.statusCode());
            }
            if (!in[0]) {
                in[0] = true;
                joined.incrementAndGet();
                watching.incrementAndGet();
            }
            if (response.statusCode() == 200) {
                frames.incrementAndGet();
                after = response.headers().firstValueAsLong("X-Frame-Sequence").orElse(after);
            }
        }
    }

    private static MeasureWindow alwaysOpen() {
        MeasureWindow window = new MeasureWindow();
        window.open(Long.MIN_VALUE);
        return window;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every viewer leaves; returns when their threads have ended. */
    @Override
    public void close() {
        running = false;
        for (Thread slot : slots) {
            slot.interrupt();
        }
        for (Thread slot : slots) {
            try {
                slot.join(35_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
