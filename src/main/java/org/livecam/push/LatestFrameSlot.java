package org.livecam.push;

import java.util.concurrent.TimeUnit;

/**
 * The one frame waiting to be sent: the source thread puts, replacing any frame still waiting
 * (that one is dropped); the sender thread takes. Memory is bounded at one frame however long
 * the server is away. Thread-safe; {@link #put} never blocks for longer than a hand-over.
 */
final class LatestFrameSlot {
    private byte[] waiting;

    /** Leaves {@code jpeg} as the frame to send next; returns true when it replaced one not yet sent. */
    synchronized boolean put(byte[] jpeg) {
        boolean replaced = waiting != null;
        waiting = jpeg;
        notifyAll();
        return replaced;
    }

    /**
     * Puts back a frame whose sending failed, unless a newer one already arrived: after a
     * reconnect the server gets the newest picture even from a source that has gone quiet.
     */
    synchronized void putBackIfEmpty(byte[] jpeg) {
        if (waiting == null) {
            waiting = jpeg;
        }
    }

    /** The waiting frame, waiting up to {@code timeout} for one; null when none came. */
    synchronized byte[] take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (waiting == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        byte[] frame = waiting;
        waiting = null;
        return frame;
    }

    /** 0 or 1. */
    synchronized int size() {
        return waiting == null ? 0 : 1;
    }
}
