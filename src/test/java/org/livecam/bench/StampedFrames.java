package org.livecam.bench;

import java.util.Random;

/** Fake JPEGs carrying the stamp the load tool reads, as a camera under bench would send them. */
final class StampedFrames {
    private StampedFrames() {
    }

    /** A stamped fake JPEG of {@code size} bytes (before the stamp), its noise seeded by {@code counter}. */
    static byte[] stamped(long sentNanos, long counter, int size) {
        byte[] jpeg = new byte[size];
        new Random(counter).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        byte[] frame = FrameStamp.withRoom(jpeg);
        FrameStamp.stamp(frame, sentNanos, counter);
        return frame;
    }
}
