package org.livecam.frame;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One validated JPEG of one camera, immutable and shared by every viewer of every output.
 *
 * <p>The bytes live in one direct buffer, handed out only as read-only views: a socket writes
 * direct memory as it is, where it would copy heap memory on every write. Outputs that need
 * something per frame (their framework's buffer over these bytes, an MJPEG part, a WebSocket
 * preamble, a resized variant) build it once through {@link #derive}. Thread-safe.
 */
public final class Frame {
    private final String cameraId;
    private final long sequence;
    private final Instant receivedAt;
    private final int width;
    private final int height;
    private final boolean restored;
    private final long receivedNanos; // System.nanoTime() at arrival: publish-to-write latency, immune to clock steps
    private final ByteBuffer bytes; // read-only, never moved: callers get duplicates
    private final ConcurrentHashMap<Object, Object> derived = new ConcurrentHashMap<>(4);

    private Frame(String cameraId, long sequence, Instant receivedAt, Jpeg.Size size, boolean restored, ByteBuffer bytes) {
        this(cameraId, sequence, receivedAt, System.nanoTime(), size, restored, bytes);
    }

    private Frame(String cameraId, long sequence, Instant receivedAt, long receivedNanos, Jpeg.Size size, boolean restored,
                  ByteBuffer bytes) {
        this.cameraId = cameraId;
        this.receivedNanos = receivedNanos;
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.width = size.width();
        this.height = size.height();
        this.restored = restored;
        this.bytes = bytes.asReadOnlyBuffer();
    }

    /** Copies {@code jpeg} (already validated as {@code size}) into the frame's own direct memory. */
    public static Frame of(String cameraId, long sequence, Instant receivedAt, Jpeg.Size size, boolean restored, ByteBuffer jpeg) {
        return new Frame(cameraId, sequence, receivedAt, size, restored, directCopy(jpeg));
    }

    /** A frame over {@code direct}, a buffer made by {@link #directCopy} and handed over whole. */
    static Frame over(String cameraId, long sequence, Instant receivedAt, Jpeg.Size size, ByteBuffer direct) {
        return new Frame(cameraId, sequence, receivedAt, size, false, direct);
    }

    /** {@code jpeg}'s remaining bytes in new direct memory, counted against the direct-memory budget. */
    static ByteBuffer directCopy(ByteBuffer jpeg) {
        DirectMemoryBudget.SHARED.allocated(jpeg.remaining());
        ByteBuffer direct = ByteBuffer.allocateDirect(jpeg.remaining());
        direct.put(jpeg.duplicate()).flip();
        return direct;
    }

    /** The same picture under a new sequence number and restored mark, sharing the bytes. */
    public Frame withSequence(long newSequence, boolean newRestored) {
        return new Frame(cameraId, newSequence, receivedAt, receivedNanos, new Jpeg.Size(width, height), newRestored, bytes.duplicate());
    }

    /** This frame's picture at another size ({@code jpeg}, validated as {@code size}): the same camera, sequence and arrival. */
    public Frame resized(Jpeg.Size size, ByteBuffer jpeg) {
        return new Frame(cameraId, sequence, receivedAt, receivedNanos, size, restored, directCopy(jpeg));
    }

    /**
     * {@code picture} (an earlier frame's variant) under this frame's sequence and arrival, sharing
     * its bytes: what stands in for this frame at a size it could not be resized to.
     */
    public Frame showing(Frame picture) {
        return new Frame(cameraId, sequence, receivedAt, receivedNanos, new Jpeg.Size(picture.width, picture.height), restored,
                picture.bytes.duplicate());
    }

    public String cameraId() {
        return cameraId;
    }

    public long sequence() {
        return sequence;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** {@link System#nanoTime} when the frame arrived in this process: what latency is measured from. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** True for a frame restored from storage, not yet replaced by a live one. */
    public boolean restored() {
        return restored;
    }

    public int size() {
        return bytes.capacity();
    }

    /** A read-only view of the JPEG bytes in direct memory; callers may move its position freely. */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /** A copy of the bytes on the heap, for storage and tests. */
    public byte[] toByteArray() {
        byte[] copy = new byte[size()];
        bytes().get(copy);
        return copy;
    }

    /**
     * A value computed from this frame and shared by every later caller (a part header, a
     * variant). Computed outside any lock, so a slow {@code make} on a worker never blocks an
     * event loop asking for another key, and {@code make} may itself derive; two racing first
     * callers may both compute, and the first stored value wins.
     */
    @SuppressWarnings("unchecked")
    public <T> T derive(Object key, Function<Frame, T> make) {
        Object value = derived.get(key);
        if (value == null) {
            value = make.apply(this);
            Object earlier = derived.putIfAbsent(key, value);
            if (earlier != null) {
                value = earlier;
            }
        }
        return (T) value;
    }

    @Override
    public String toString() {
        return cameraId + "#" + sequence + " " + width + "x" + height + " " + size() + " bytes";
    }
}
