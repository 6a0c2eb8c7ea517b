package org.livecam.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cameras of a soak: a fixed number publish at once, each through its own
 * {@link FramePublisher} under an id never used before ({@code soak-TAG-N}, TAG random per run).
 * With churn each camera publishes for a random time between {@code minLife} and twice that, then
 * stops (the server sees it go idle, then offline) and a camera with a new id takes its place;
 * the server keeps every camera it has seen, with its last frame. All share one ring of frames, so
 * their stamps race; harmless, as a soak measures no latency. {@link #rotate} and
 * {@link #close} are called on the soak's main thread; {@link #liveIds} from any thread.
 */
final class CameraRotation implements AutoCloseable {
    private final InetSocketAddress server;
    private final String token;
    private final BenchFrames frames;
    private final double fps;
    private final boolean churn;
    private final Duration minLife;
    private final BenchTls tls;
    private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final List<Live> live = new ArrayList<>();
    private volatile List<String> liveIds = List.of();
    private long retiredAccepted;
    private long retiredFailures;
    private String lastError;
    private int made;

    private record Live(String id, FramePublisher publisher, long retireAtNanos) {
    }

    CameraRotation(InetSocketAddress server, String token, BenchFrames frames, double fps, boolean churn, Duration minLife, BenchTls tls) {
        this.server = server;
        this.token = token;
        this.frames = frames;
        this.fps = fps;
        this.churn = churn;
        this.minLife = minLife;
        this.tls = tls;
    }

    /** Starts {@code cameras} publishers. */
    void start(int cameras) {
        for (int i = 0; i < cameras; i++) {
            live.add(startOne());
        }
    }

    /** Retires the cameras whose time is up and starts new ones in their place. */
    void rotate(long nowNanos) {
        for (int i = 0; i < live.size(); i++) {
            Live camera = live.get(i);
            if (nowNanos >= camera.retireAtNanos) {
                retire(camera);
                live.set(i, startOne());
            }
        }
        liveIds = ids();
    }

    /** The ids publishing now whose first frame the server has accepted (before it, the server knows no such camera). */
    List<String> liveIds() {
        return liveIds;
    }

    /** Cameras started so far, the live ones included. */
    int made() {
        return made;
    }

    /** Frames the server accepted, from every camera so far. */
    long accepted() {
        return retiredAccepted + live.stream().mapToLong(c -> c.publisher.accepted()).sum();
    }

    /** Publish requests that failed (refused or broken), from every camera so far. */
    long failures() {
        return retiredFailures + live.stream().mapToLong(c -> c.publisher.failures()).sum();
    }

    String lastError() {
        return live.stream().map(c -> c.publisher.lastError()).filter(e -> e != null).findFirst().orElse(lastError);
    }

    private Live startOne() {
        String id = String.format(Locale.ROOT, "soak-%s-%d", tag, made++);
        FramePublisher publisher = new FramePublisher(server, id, token, frames, fps, 4, new MeasureWindow(), false, tls);
        publisher.start();
        long life = churn ? minLife.toNanos() + ThreadLocalRandom.current().nextLong(Math.max(1, minLife.toNanos())) : Long.MAX_VALUE / 2;
        return new Live(id, publisher, System.nanoTime() + life);
    }

    private void retire(Live camera) {
        camera.publisher.close();
        retiredAccepted += camera.publisher.accepted();
        retiredFailures += camera.publisher.failures();
        if (camera.publisher.lastError() != null) {
            lastError = camera.publisher.lastError();
        }
    }

    private List<String> ids() {
        return live.stream().filter(c -> c.publisher.accepted() > 0).map(Live::id).toList();
    }

    @Override
    public void close() {
        live.forEach(this::retire);
        live.clear();
        liveIds = List.of();
    }
}
