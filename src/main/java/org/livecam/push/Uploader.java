package org.livecam.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.livecam.config.CaTrust;
import org.livecam.source.Backoff;
import org.livecam.source.FrameSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the newest frame of a source to a livecam server, one frame at a time, through a
 * {@link FrameTransport}: {@code POST /cameras/{id}/frame} over one HTTP/1.1 keep-alive
 * connection ({@link HttpTransport}, the default), or one binary message per frame on the
 * publish WebSocket ({@link WebSocketTransport}). Both follow the same rules, kept here.
 *
 * <p>Threads: {@link #accept} is called on the source's thread and never blocks on the
 * network: it leaves the frame in a one-frame slot, replacing (dropping) one not yet sent. One
 * sender thread, started by {@link #start} and ended by {@link #stop}, takes frames from the
 * slot, waits for its {@code --fps} turn, re-encodes if asked, and sends; the next frame is
 * taken only when the server has answered the last, so one frame at most is in flight. The
 * HTTP client and its two worker threads live as long as the uploader, so reconnecting
 * creates no threads.
 *
 * <p>Failures: what to wait and whether to send the frame again is the {@link RetryPolicy}'s
 * call (backoff while the server is away, every {@code authRetry} after a refused token); where
 * the uploader stands, and the one log line per change, is the {@link UploadStateMachine}'s. A
 * frame the server refuses (413/415/400, or a WebSocket error answer) is that frame's fault: it
 * is logged (at most every 10 s) and skipped, and the next frame goes out.
 *
 * <p>Why java.net.http rather than the Vert.x client: the sender is one blocking loop on its own
 * thread, which reads simply with a blocking client; the JDK's client keeps the connection alive
 * and reconnects on its own, and the uploader needs no event loop beside it.
 */
public final class Uploader implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(Uploader.class);
    private static final AtomicInteger instances = new AtomicInteger();

    private final PushConfig config;
    private final URI target;
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final UploadStats stats = new UploadStats();
    private final FpsCap fpsCap;
    private final RetryPolicy retry;
    private final UploadStateMachine state;
    private final FrameReencoder reencoder;
    private final ExecutorService httpThreads;
    private final HttpClient client;
    private final FrameTransport transport;
    private final String name;
    private Thread sender;
    private volatile boolean running;
    private long lastSkipLogNanos;

    public Uploader(PushConfig config) {
        this.config = config;
        this.fpsCap = FpsCap.systemClock(config.maxFps());
        this.retry = new RetryPolicy(new Backoff(config.retryMin(), config.retryMax()), config.authRetry());
        this.reencoder = config.reencodes() ? new FrameReencoder(config.width(), config.quality()) : null;
        this.name = "push-" + instances.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-http-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder clientBuilder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads);
        if (config.caFile() != null) {
            clientBuilder.sslContext(CaTrust.sslContext(config.caFile()));
        }
        this.client = clientBuilder.build();
        this.transport = config.transport() == PushConfig.Transport.WS
                ? new WebSocketTransport(client, config)
                : new HttpTransport(client, config);
        this.target = transport.target();
        this.state = new UploadStateMachine(stats, config, target, System::nanoTime);
    }

    /** Called on the source's thread: keeps a copy of the frame as the next to send. Never blocks on I/O. */
    @Override
    public void accept(ByteBuffer jpeg) {
        byte[] copy = new byte[jpeg.remaining()];
        jpeg.duplicate().get(copy);
        stats.countCaptured(slot.put(copy));
    }

    /** The source stopped and is retrying (its log says so once): the stats line shows why nothing is captured. */
    @Override
    public void sourceFailed(String problem) {
        stats.error("source: " + problem);
    }

    public synchronized void start() {
        if (sender != null) {
            return;
        }
        running = true;
        sender = new Thread(this::sendLoop, name + "-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** Stops sending and frees the client's threads; a frame in flight is abandoned. Idempotent. */
    public synchronized void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sender = null;
        }
        transport.close();
        httpThreads.shutdownNow();
        if (client instanceof AutoCloseable closeable) { // Java 21 and later; on 17 the GC ends its selector thread
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing the HTTP client: {}", e.toString());
            }
        }
    }

    public UploadStats stats() {
        return stats;
    }

    /** Frames waiting to be sent: 0 or 1, however long the server is away. */
    public int pendingFrames() {
        return slot.size();
    }

    public PushConfig config() {
        return config;
    }

    /** The transport frames go through; for tests that look at its connection. */
    FrameTransport transport() {
        return transport;
    }

    private void sendLoop() {
        try {
            while (running) {
                fpsCap.awaitTurn();
                byte[] frame = slot.take(1, TimeUnit.SECONDS);
                if (frame == null) {
                    continue;
                }
                fpsCap.taken();
                byte[] body = reencodeIfAsked(frame);
                FrameTransport.Outcome outcome = transport.send(body);
                record(outcome, body.length);
                RetryPolicy.Decision next = retry.after(frame, outcome.kind());
                if (next.sendAgain()) {
                    slot.putBackIfEmpty(frame);
                }
                if (!next.delay().isZero()) {
                    Thread.sleep(next.delay().toMillis());
                }
            }
        } catch (InterruptedException e) {
            // stop() asked
        } catch (RuntimeException | Error e) {
            log.error("The uploader's sender stopped unexpectedly", e);
            stats.error("sender stopped: " + e);
        }
    }

    /** Counts what became of one frame and moves the state machine. */
    private void record(FrameTransport.Outcome outcome, int bytes) {
        switch (outcome.kind()) {
            case SENT -> {
                stats.countSent(bytes);
                state.accepted();
            }
            case REFUSED -> {
                stats.countSkipped();
                refused("server refused a frame of " + bytes + " bytes and it was skipped: " + outcome.error());
            }
            case UNAUTHORIZED -> state.tokenRefused(outcome.error());
            case UNREACHABLE, LOST -> state.away(outcome.error());
        }
    }

    private byte[] reencodeIfAsked(byte[] frame) {
        if (reencoder == null) {
            return frame;
        }
        try {
            return reencoder.reencode(frame);
        } catch (IOException | RuntimeException e) {
            refused("cannot re-encode a frame of " + frame.length + " bytes (" + e.getMessage() + "); sending it as it is");
            return frame;
        }
    }

    /** A problem with one frame, not with the connection: logged at most every 10 s. */
    private void refused(String message) {
        stats.error(message);
        long now = System.nanoTime();
        if (lastSkipLogNanos == 0 || now - lastSkipLogNanos > TimeUnit.SECONDS.toNanos(10)) {
            lastSkipLogNanos = now;
            log.warn("{}: {}", config.camera(), message);
        }
    }
}
