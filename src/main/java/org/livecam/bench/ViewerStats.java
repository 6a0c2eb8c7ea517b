package org.livecam.bench;

import java.util.Map;
import java.util.TreeMap;
import org.livecam.frame.Jpeg;

/**
 * What one load viewer saw. Written by its viewer loop thread only; the counters are volatile
 * so the progress line can read them while the run goes on. Only frames and bytes that arrive
 * inside the {@link MeasureWindow} count, so connecting and warming up do not dilute the rates.
 */
final class ViewerStats {
    private final MeasureWindow window;
    private final LatencyRecorder latency;
    private LatencyRecorder alsoLatency;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile String failure;
    private volatile long frames;
    private volatile long freshFrames;
    private volatile long bytes;
    private volatile long framesEver;
    private final Map<String, Long> sizes = new TreeMap<>();
    private long unstamped;
    private long lastCounter = -1;

    /** {@code latency} belongs to the loop thread that owns this viewer. */
    ViewerStats(MeasureWindow window, LatencyRecorder latency) {
        this.window = window;
        this.latency = latency;
    }

    /** Records latency into {@code other} too (a per-node recorder of the same loop thread); set before the viewer is opened. */
    ViewerStats alsoRecordingTo(LatencyRecorder other) {
        this.alsoLatency = other;
        return this;
    }

    void onConnected() {
        connected = true;
    }

    void onBytes(int count, long nowNanos) {
        if (window.contains(nowNanos)) {
            bytes += count;
        }
    }

    /** A whole frame arrived at {@code nowNanos}; {@code mark} is null when it had no bench stamp. */
    void onFrame(FrameStamp.Mark mark, long nowNanos) {
        onFrame(mark, null, nowNanos);
    }

    /** As {@link #onFrame(FrameStamp.Mark, long)}, with the frame's size when the viewer read it (else null). */
    void onFrame(FrameStamp.Mark mark, Jpeg.Size size, long nowNanos) {
        framesEver++;
        if (size != null && window.contains(nowNanos)) {
            sizes.merge(size.width() + "x" + size.height(), 1L, Long::sum);
        }
        if (mark == null) {
            // A resized variant is encoded anew, without the stamp. The server sends each frame
            // to a viewer at most once, so every one that arrives is a fresh one; only its age is unknown.
            unstamped++;
            if (window.contains(nowNanos)) {
                frames++;
                freshFrames++;
            }
            return;
        }
        boolean fresh = mark.counter() > lastCounter;
        lastCounter = Math.max(lastCounter, mark.counter());
        if (window.contains(nowNanos)) {
            frames++;
            if (fresh) {
                freshFrames++;
            }
            latency.record(nowNanos - mark.sentNanos());
            if (alsoLatency != null) {
                alsoLatency.record(nowNanos - mark.sentNanos());
            }
        }
    }

    void onClosed(String reason) {
        closed = true;
        if (reason != null && failure == null) {
            failure = reason;
        }
    }

    /** Connected (the server answered 200) and not closed since. */
    boolean open() {
        return connected && !closed;
    }

    boolean connected() {
        return connected;
    }

    String failure() {
        return failure;
    }

    long frames() {
        return frames;
    }

    long freshFrames() {
        return freshFrames;
    }

    long framesEver() {
        return framesEver;
    }

    long bytes() {
        return bytes;
    }

    /** Frames in the window by size ("640x360"), when sizes were read; loop thread only until it stops. */
    Map<String, Long> sizes() {
        return sizes;
    }

    long unstamped() {
        return unstamped;
    }
}
