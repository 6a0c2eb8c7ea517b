package org.livecam.frame;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the direct memory of frames nobody holds any more from piling up between garbage
 * collections. Each frame's bytes are a direct buffer, freed only when a collection finds the
 * buffer unreachable; a frame leaves a few hundred bytes of heap garbage for tens of KB of
 * direct memory, so young collections come rarely and, by default, the JVM lets direct memory
 * grow to the size of the heap's maximum before it collects for it. Measured here: a 1280x720
 * camera at 30 fps grew direct memory by 1.3 MB/s with no collection for 90 s, and at 100 fps
 * the process passed 250 MB in 40 s.
 *
 * <p>So every {@link #CHECK_EVERY_BYTES} allocated, the direct pool in use is read; once it has
 * grown by the budget past what was still in use after the last collection (the frames that
 * are live: latest frames, variants, what viewers are being sent), a collection is asked for
 * ({@code System.gc()}, at most once a second), which is what the JVM itself does at
 * {@code -XX:MaxDirectMemorySize}. Measuring from what survived keeps a server that holds much
 * live direct memory from collecting over and over for nothing. That flag, where the launch can
 * set it, bounds memory the same way. Under G1, {@code System.gc()} is a full stop-the-world
 * collection (40 to 57 ms here, every viewer's stream held) unless the launch says
 * {@code -XX:+ExplicitGCInvokesConcurrent}, as the recommended one does. Thread-safe.
 */
final class DirectMemoryBudget {
    static final long DEFAULT_BUDGET_BYTES = 128L * 1024 * 1024;
    static final long CHECK_EVERY_BYTES = 8L * 1024 * 1024;
    private static final long MIN_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final BufferPoolMXBean DIRECT_POOL = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).findFirst().orElse(null);
    static final long MIN_BUDGET_BYTES = 16L * 1024 * 1024;
    static final DirectMemoryBudget SHARED = new DirectMemoryBudget(budgetFor(maxDirectBytes()), DirectMemoryBudget::directBytesInUse,
            System::gc, System::nanoTime);

    private final long budgetBytes;
    private final LongSupplier inUse;
    private final Runnable collect;
    private final LongSupplier nanoTime;
    private final AtomicLong sinceCheck = new AtomicLong();
    private long lastCollectNanos; // guarded by this
    private long limitBytes; // guarded by this: collect above it
    private boolean measureSurvivors; // guarded by this: the next check reads what the last collection left

    DirectMemoryBudget(long budgetBytes, LongSupplier inUse, Runnable collect, LongSupplier nanoTime) {
        this.budgetBytes = budgetBytes;
        this.inUse = inUse;
        this.collect = collect;
        this.nanoTime = nanoTime;
        this.lastCollectNanos = nanoTime.getAsLong() - MIN_GAP_NANOS;
        this.limitBytes = budgetBytes;
    }

    /** Counts {@code bytes} of new direct memory; may collect garbage on the calling thread. */
    void allocated(long bytes) {
        if (sinceCheck.addAndGet(bytes) >= CHECK_EVERY_BYTES) {
            sinceCheck.set(0);
            check();
        }
    }

    private synchronized void check() {
        long used = inUse.getAsLong();
        if (measureSurvivors) {
            // Read one check after the collection, once the cleaner has freed what it found.
            measureSurvivors = false;
            limitBytes = used + budgetBytes;
            return;
        }
        long now = nanoTime.getAsLong();
        if (used > limitBytes && now - lastCollectNanos >= MIN_GAP_NANOS) {
            lastCollectNanos = now;
            measureSurvivors = true;
            collect.run();
        }
    }

    /**
     * A sixteenth of the direct memory the JVM allows, between 16 and 128 MB: 16 MB under the
     * recommended {@code -XX:MaxDirectMemorySize=256m}. Frames that outlive a young collection
     * (in flight to a viewer at that moment) move to the old generation, where G1 looks only
     * when the heap fills, and a frame leaves a few hundred bytes there for tens of KB of direct
     * memory: a 30-minute soak (4 cameras, 80 viewers coming and going) saw direct memory, and
     * RSS with it, climb 5 MB a minute for the whole run under a 128 MB budget.
     */
    static long budgetFor(long maxDirectBytes) {
        return Math.max(MIN_BUDGET_BYTES, Math.min(DEFAULT_BUDGET_BYTES, maxDirectBytes / 16));
    }

    /** -XX:MaxDirectMemorySize, or the heap's maximum when it is not set (the JVM's own default). */
    static long maxDirectBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException e) { // not HotSpot
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** What the JVM's direct buffers hold now (ByteBuffer.allocateDirect, Netty's unpooled direct buffers). */
    static long directBytesInUse() {
        return DIRECT_POOL == null ? 0 : DIRECT_POOL.getMemoryUsed();
    }
}
