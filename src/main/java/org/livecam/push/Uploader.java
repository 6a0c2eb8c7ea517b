package org.livecam.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Failures: a refused connection, a timeout, a lost connection or a 5xx puts the frame back
 * (unless a newer one came) and waits with capped exponential backoff; a refused token (401/403,
 * or a WebSocket closed with 1008) is a configuration error, logged as one and retried every
 * {@code authRetry} (so fixing the token on the server is enough); a frame the server refuses
 * (413/415/400, or a WebSocket error answer) is that frame's fault: it is logged and skipped,
 * and the next frame goes out.
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
    private final Backoff backoff;
    private final FrameReencoder reencoder;
    private final ExecutorService httpThreads;
    private final HttpClient client;
    private final FrameTransport transport;
    private final String name;
    private Thread sender;
    private volatile boolean running;
    private long nextSendNanos;
    private long awaySinceNanos;
    private long lastSkipLogNanos;
    private boolean failedBeforeConnecting;
    private byte[] retriedFrame;

    public Uploader(PushConfig config) {
        this.config = config;
        this.backoff = new Backoff(config.retryMin(), config.retryMax());
        this.reencoder = config.reencodes() ? new FrameReencoder(config.width(), config.quality()) : null;
        this.name = "push-" + instances.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-http-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpThreads)
                .build();
        this.transport = config.transport() == PushConfig.Transport.WS
                ? new WebSocketTransport(client, config)
                : new HttpTransport(client, config);
        this.target = transport.target();
    }

    /** Called on the source's thread: keeps a copy of the frame as the next to send. Never blocks on I/O. */
    @Override
    public void accept(ByteBuffer jpeg) {
        byte[] copy = new byte[jpeg.remaining()];
        jpeg.duplicate().get(copy);
        stats.countCaptured(slot.put(copy));
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
                waitForTurn();
                byte[] frame = slot.take(1, TimeUnit.SECONDS);
                if (frame == null) {
                    continue;
                }
                nextSendNanos = config.maxFps() > 0 ? System.nanoTime() + (long) (1e9 / config.maxFps()) : 0;
                Duration wait = sendOne(frame);
                if (!wait.isZero()) {
                    retryLater(frame);
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            // stop() asked
        } catch (RuntimeException | Error e) {
            log.error("The uploader's sender stopped unexpectedly", e);
            stats.error("sender stopped: " + e);
        }
    }

    /**
     * Puts a frame that failed back (unless a newer one came), so a source that went quiet still
     * reaches the returning server. A frame that failed after its connection was open may be the
     * cause itself (a server that answers an oversized body by closing), so that one gets one
     * more try only; a frame that never reached a connection is kept as long as it is the newest.
     */
    private void retryLater(byte[] frame) {
        if (failedBeforeConnecting || frame != retriedFrame) {
            retriedFrame = frame;
            slot.putBackIfEmpty(frame);
        } else {
            retriedFrame = null;
        }
    }

    private void waitForTurn() throws InterruptedException {
        long wait = nextSendNanos - System.nanoTime();
        if (nextSendNanos != 0 && wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Sends one frame; returns how long to wait before the next attempt (zero: go on at once). */
    private Duration sendOne(byte[] frame) throws InterruptedException {
        byte[] body = reencodeIfAsked(frame);
        FrameTransport.Outcome outcome = transport.send(body);
        failedBeforeConnecting = outcome.kind() == FrameTransport.Outcome.Kind.UNREACHABLE;
        return switch (outcome.kind()) {
            case SENT -> {
                sent(body.length);
                yield Duration.ZERO;
            }
            case REFUSED -> {
                stats.countSkipped();
                refused("server refused a frame of " + body.length + " bytes and it was skipped: " + outcome.error());
                yield Duration.ZERO;
            }
            case UNAUTHORIZED -> unauthorized(outcome.error());
            case UNREACHABLE, LOST -> away(outcome.error());
        };
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

    private void sent(int bytes) {
        stats.countSent(bytes);
        backoff.reset();
        retriedFrame = null;
        UploadStats.State before = stats.state(UploadStats.State.CONNECTED);
        if (before == UploadStats.State.STARTING) {
            log.info("{}: first frame accepted by {}", config.camera(), target);
        } else if (before != UploadStats.State.CONNECTED) {
            log.info("{}: frames flow again to {} after {} s", config.camera(), target,
                    String.format("%.1f", (System.nanoTime() - awaySinceNanos) / 1e9));
        }
    }

    /** Remembers when frames stopped flowing, for the "flow again after N s" line. */
    private void leaving(UploadStats.State before) {
        if (before == UploadStats.State.CONNECTED || before == UploadStats.State.STARTING) {
            awaySinceNanos = System.nanoTime();
        }
    }

    private Duration away(String error) {
        stats.error(error);
        UploadStats.State before = stats.state(UploadStats.State.RETRYING);
        leaving(before);
        if (before != UploadStats.State.RETRYING) {
            log.warn("{}: cannot publish to {}: {}; retrying with backoff (at most {} ms apart), keeping only the newest frame",
                    config.camera(), target, error, config.retryMax().toMillis());
        } else {
            log.debug("{}: still away: {}", config.camera(), error);
        }
        return backoff.next();
    }

    private Duration unauthorized(String error) {
        stats.error(error + " - check --token / LIVECAM_TOKEN against the server's --token");
        UploadStats.State before = stats.state(UploadStats.State.UNAUTHORIZED);
        leaving(before);
        if (before != UploadStats.State.UNAUTHORIZED) {
            log.error("{}: the server at {} refused the publish token ({}). This is a configuration error: "
                            + "set --token or LIVECAM_TOKEN to the server's token. Trying again every {} s.",
                    config.camera(), target, error, config.authRetry().toSeconds());
        }
        return config.authRetry();
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
