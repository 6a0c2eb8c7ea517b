package org.livecam.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.livecam.wire.ByteSink;

/**
 * A fuzzer's input cut into a stream's reads: the cut points come from the input itself, so the
 * fuzzer explores where a network read or a pipe splits the bytes.
 */
final class Chunks {
    private Chunks() {
    }

    /** Up to 16 chunk lengths (1 to 4096), then the rest of the input as the stream's bytes, cut at them (the last length repeats). */
    static List<ByteBuffer> cut(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 16);
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = data.consumeInt(1, 4096);
        }
        byte[] stream = data.consumeRemainingAsBytes();
        List<ByteBuffer> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = Math.min(lengths[Math.min(i, count - 1)], stream.length - at);
            chunks.add(ByteBuffer.wrap(stream, at, n).slice());
            at += n;
        }
        return chunks;
    }

    /** Feeds {@code chunks} to {@code parser} in order; false when it failed the stream (an IOException, as it may). */
    static boolean feed(ByteSink parser, List<ByteBuffer> chunks) {
        try {
            for (ByteBuffer chunk : chunks) {
                parser.accept(chunk.duplicate());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The chunks joined again. */
    static byte[] joined(List<ByteBuffer> chunks) {
        int size = chunks.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        chunks.forEach(c -> all.put(c.duplicate()));
        return all.array();
    }
}
