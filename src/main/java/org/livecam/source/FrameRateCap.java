package org.livecam.source;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes at most {@code maxFps} frames a second on to the next sink and drops the rest
 * unlooked-at: no copy, no validation, no decoding. A command such as {@code ffmpeg -f mjpeg -}
 * without {@code -re} writes frames as fast as it can make them, and every frame passed on costs
 * a copy into the camera and a write to each viewer.
 *
 * <p>A frame passes when at least one period has gone by since the previous one passed, less
 * half a period of slack, so a source at its cap with some jitter loses nothing; over time no
 * more than {@code maxFps} pass. A source that delivers more than {@link #FAST_FACTOR} times
 * its cap over a {@link #WINDOW_NANOS} window is logged once, with its measured rate. Only the
 * source's thread calls it.
 */
final class FrameRateCap implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(FrameRateCap.class);
    static final double FAST_FACTOR = 2;
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final double maxFps;
    private final long periodNanos;
    private final String description;
    private final FrameSink next;
    private final LongSupplier nanoTime;
    private long nextNanos;
    private long windowStartNanos;
    private long framesInWindow;
    private boolean warned;

    FrameRateCap(double maxFps, String description, FrameSink next, LongSupplier nanoTime) {
        if (!(maxFps > 0)) {
            throw new IllegalArgumentException("fps cap must be above 0: " + maxFps);
        }
        this.maxFps = maxFps;
        this.periodNanos = (long) (1e9 / maxFps);
        this.description = description;
        this.next = next;
        this.nanoTime = nanoTime;
        this.nextNanos = nanoTime.getAsLong();
        this.windowStartNanos = nextNanos;
    }

    @Override
    public void accept(ByteBuffer jpeg) {
        long now = nanoTime.getAsLong();
        noticeRate(now);
        if (now - (nextNanos - periodNanos / 2) < 0) {
            return;
        }
        // A quiet spell earns no burst: the next frame is due one period after now at the latest.
        nextNanos = Math.max(nextNanos, now - periodNanos) + periodNanos;
        next.accept(jpeg);
    }

    @Override
    public void sourceFailed(String problem) {
        next.sourceFailed(problem);
    }

    @Override
    public void sourceRetrying() {
        next.sourceRetrying();
    }

    private void noticeRate(long now) {
        framesInWindow++;
        long elapsed = now - windowStartNanos;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        double fps = framesInWindow * 1e9 / elapsed;
        if (!warned && fps > FAST_FACTOR * maxFps) {
            warned = true;
            log.warn("{} delivers {} fps, far above its cap of {} fps: the frames above the cap are dropped unread. "
                    + "Slow the source down (for ffmpeg reading a file or lavfi, add -re) or raise fps= (logged once)",
                    description, Math.round(fps), maxFps);
        }
        windowStartNanos = now;
        framesInWindow = 0;
    }
}
