package org.livecam.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Hands the next stage a bounded slice of a buffer without copying it. */
final class Slices {
    private Slices() {
    }

    /**
     * Hands {@code sink} the next {@code max} bytes of {@code data} (fewer if fewer are there) by
     * narrowing its limit, then restores the limit and moves past them whatever the sink did.
     * Returns how many bytes it handed on.
     */
    static int handOn(ByteBuffer data, long max, ByteSink sink) throws IOException {
        int start = data.position();
        int end = (int) Math.min(data.limit(), start + max);
        int limit = data.limit();
        data.limit(end);
        try {
            sink.accept(data);
        } finally {
            data.limit(limit).position(end);
        }
        return end - start;
    }
}
