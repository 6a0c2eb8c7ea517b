package org.livecam.push;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.livecam.source.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code livecam push}: a source feeding an uploader, and the stats line printed
 * every {@code statsInterval}. Started whole by {@link #start} and stopped whole by
 * {@link #close} (source first, so nothing feeds a stopped uploader). The command and the tests
 * both run it this way.
 */
public final class PushSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("push");

    private final FrameSource source;
    private final Uploader uploader;
    private final ScheduledExecutorService statsThread;

    private PushSession(FrameSource source, Uploader uploader, ScheduledExecutorService statsThread) {
        this.source = source;
        this.uploader = uploader;
        this.statsThread = statsThread;
    }

    /** Starts sending frames from {@code source}; with a zero {@code statsInterval} no stats line is printed. */
    public static PushSession start(FrameSource source, PushConfig config, Duration statsInterval) {
        Uploader uploader = new Uploader(config);
        uploader.start();
        source.start(uploader);
        ScheduledExecutorService statsThread = null;
        if (!statsInterval.isZero() && !statsInterval.isNegative()) {
            statsThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "push-stats");
                t.setDaemon(true);
                return t;
            });
            UploadStats.Snapshot[] previous = {uploader.stats().snapshot()};
            statsThread.scheduleAtFixedRate(() -> {
                UploadStats.Snapshot now = uploader.stats().snapshot();
                log.info(ProgressLine.format(config.camera(), previous[0], now));
                previous[0] = now;
            }, statsInterval.toMillis(), statsInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("Publishing {} to {}{}{}", source.describe(), config.targetUri(),
                config.maxFps() > 0 ? " at most " + config.maxFps() + " fps" : "",
                config.reencodes() ? ", re-encoded " + new FrameReencoder(config.width(), config.quality()).describe() : "");
        return new PushSession(source, uploader, statsThread);
    }

    public Uploader uploader() {
        return uploader;
    }

    @Override
    public void close() {
        source.stop();
        if (statsThread != null) {
            statsThread.shutdownNow();
        }
        uploader.stop();
    }
}
