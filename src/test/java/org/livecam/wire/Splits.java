package org.livecam.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

/** Feeds a parser a byte stream cut at random places, as a socket would, one direct buffer reused as bench does. */
final class Splits {
    private Splits() {
    }

    static void feed(ByteSink sink, byte[] stream, long seed, int maxChunk) throws IOException {
        Random random = new Random(seed);
        ByteBuffer buffer = ByteBuffer.allocateDirect(maxChunk);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(maxChunk));
            buffer.clear();
            buffer.put(stream, at, n).flip();
            sink.accept(buffer);
            if (buffer.hasRemaining()) {
                throw new AssertionError("the parser left " + buffer.remaining() + " bytes");
            }
            at += n;
        }
    }
}
