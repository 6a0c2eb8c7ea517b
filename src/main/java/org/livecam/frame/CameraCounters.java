package org.livecam.frame;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Running totals of one camera that only operators read (through /metrics), kept where the work
 * happens at the cost of an adder each: frames a viewer skipped, bytes sent, source restarts,
 * viewers by transport, frames that could not be resized, and where each write's publish-to-write latency goes. Nothing here
 * takes a lock or allocates per frame. Thread-safe.
 */
public final class CameraCounters {
    private static final LongConsumer NOWHERE = nanos -> { };

    private final LongAdder framesSkipped = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder sourceRestarts = new LongAdder();
    private final LongAdder variantFailures = new LongAdder();
    private final AtomicBoolean variantFailureSaid = new AtomicBoolean();
    private final Map<String, AtomicInteger> viewersByTransport = new ConcurrentHashMap<>();
    private volatile LongConsumer writeLatency = NOWHERE;

    /** A frame waiting for a viewer was replaced by a newer one before it was written (a slow viewer, or its fps cap). */
    public void frameSkipped() {
        framesSkipped.increment();
    }

    /** A source attempt failed and another follows after its backoff. */
    public void sourceRestarted() {
        sourceRestarts.increment();
    }

    /**
     * A frame could not be decoded or resized for a variant (its viewers got the last variant
     * made instead); true the first time for this camera, so that it is logged once.
     */
    public boolean variantFailed() {
        variantFailures.increment();
        return variantFailureSaid.compareAndSet(false, true);
    }

    /** Someone started watching over {@code transport} (a name such as "mjpeg"); joins and leaves come in pairs. */
    public void viewerJoined(String transport) {
        viewersByTransport.computeIfAbsent(transport, t -> new AtomicInteger()).incrementAndGet();
    }

    public void viewerLeft(String transport) {
        viewersByTransport.computeIfAbsent(transport, t -> new AtomicInteger()).decrementAndGet();
    }

    /** Where each write's publish-to-write latency in nanoseconds goes (a metrics histogram); called on event loops, must not block. */
    public void recordWriteLatency(LongConsumer sink) {
        writeLatency = sink == null ? NOWHERE : sink;
    }

    /** A new frame (not an idle repeat) was written to a viewer; {@link Camera#countSent} calls this. */
    void sent(Frame frame) {
        bytesSent.add(frame.size());
        if (!frame.restored()) { // a frame kept from an earlier run would measure the downtime, not the delivery
            writeLatency.accept(System.nanoTime() - frame.receivedNanos());
        }
    }

    public long framesSkipped() {
        return framesSkipped.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long sourceRestarts() {
        return sourceRestarts.sum();
    }

    public long variantFailures() {
        return variantFailures.sum();
    }

    /** Viewers watching over {@code transport} now. */
    public int viewers(String transport) {
        AtomicInteger count = viewersByTransport.get(transport);
        return count == null ? 0 : count.get();
    }
}
