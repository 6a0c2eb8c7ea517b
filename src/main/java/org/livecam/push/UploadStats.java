package org.livecam.push;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What an uploader has done so far: running totals, its state and the last error. Written by
 * the source thread (captured, dropped) and the sender thread (the rest); read from any thread.
 */
public final class UploadStats {
    /** Totals at one moment; two of them give rates. */
    public record Snapshot(long atNanos, long captured, long sent, long dropped, long skipped, long bytesSent,
                           UploadState state, String lastError) {
    }

    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile UploadState state = UploadState.STARTING;
    private volatile String lastError;

    void countCaptured(boolean replacedAnother) {
        captured.incrementAndGet();
        if (replacedAnother) {
            dropped.incrementAndGet();
        }
    }

    void countSent(int bytes) {
        sent.incrementAndGet();
        bytesSent.addAndGet(bytes);
    }

    void countSkipped() {
        skipped.incrementAndGet();
    }

    /** Returns the state it replaced, so the state machine logs a change once, not every retry. */
    UploadState state(UploadState newState) {
        UploadState old = state;
        state = newState;
        return old;
    }

    void error(String message) {
        lastError = message;
    }

    public UploadState state() {
        return state;
    }

    /** The last thing that went wrong, or null; it stays after recovery, so a past problem is still visible. */
    public String lastError() {
        return lastError;
    }

    public long captured() {
        return captured.get();
    }

    public long sent() {
        return sent.get();
    }

    /** Frames replaced by a newer one before they were sent (the server was slow, away, or --fps held them). */
    public long dropped() {
        return dropped.get();
    }

    /** Frames the server refused on their own merits (413 too large, 415 not a JPEG) and that were not retried. */
    public long skipped() {
        return skipped.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), captured.get(), sent.get(), dropped.get(), skipped.get(), bytesSent.get(),
                state, lastError);
    }
}
