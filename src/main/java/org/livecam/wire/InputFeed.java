package org.livecam.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * Feeds the parsers of this package from a blocking stream: it reads at most one buffer ahead of
 * what the parsers asked for, so bytes a caller has not asked for stay in the kernel (a stalled
 * test viewer is as stalled as it says). Bytes a parser left, after a response head for
 * instance, are the first handed to the next one. Used by one thread at a time.
 */
public final class InputFeed {
    private final InputStream in;
    private final ByteBuffer buffer;

    public InputFeed(InputStream in, int bufferBytes) {
        this.in = in;
        this.buffer = ByteBuffer.allocate(bufferBytes).flip();
    }

    /** Hands {@code sink} bytes, reading more when they run out, until {@code done} is true. */
    public void feedUntil(ByteSink sink, BooleanSupplier done) throws IOException {
        while (!done.getAsBoolean()) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            sink.accept(buffer);
        }
    }

    /** Reads a response head, leaving the bytes after it for what comes next. */
    public ResponseHead readHead() throws IOException {
        ResponseHeadParser parser = new ResponseHeadParser();
        feedUntil(parser::parse, () -> parser.head() != null);
        return parser.head();
    }

    /** Reads exactly {@code count} bytes. */
    public byte[] read(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count);
        while (out.size() < count) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int n = Math.min(buffer.remaining(), count - out.size());
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            buffer.position(buffer.position() + n);
        }
        return out.toByteArray();
    }

    /** Skips exactly {@code count} bytes. */
    public void skip(long count) throws IOException {
        for (long left = count; left > 0; ) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int n = (int) Math.min(buffer.remaining(), left);
            buffer.position(buffer.position() + n);
            left -= n;
        }
    }

    /** Reads everything up to the end of the stream. */
    public byte[] readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        buffer.position(buffer.limit());
        in.transferTo(out);
        return out.toByteArray();
    }

    private void fill() throws IOException {
        int n = in.read(buffer.array(), buffer.arrayOffset(), buffer.capacity());
        if (n < 0) {
            throw new EOFException("the stream ended");
        }
        buffer.position(0).limit(n);
    }
}
