package org.livecam.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Undoes HTTP/1.1 chunked transfer coding and hands the chunk data to the next stage as slices of
 * the same buffer (Vert.x sends an endless response body this way). The streams read here are not
 * meant to end, so the last chunk is reported as an {@link EOFException}, and so is every call
 * after it: a reader that catches the first to hand on parts that came in the same read must not
 * find the trailer's empty line parsed as a chunk size next time. Not thread-safe.
 */
public final class ChunkedParser implements ByteSink {
    private enum State { SIZE, DATA, DATA_END, ENDED }

    private final ByteSink body;
    private final LineParser line = new LineParser();
    private State state = State.SIZE;
    private long left;

    public ChunkedParser(ByteSink body) {
        this.body = body;
    }

    @Override
    public void accept(ByteBuffer data) throws IOException {
        if (state == State.ENDED) {
            data.position(data.limit()); // the trailer, or whatever follows the body: not ours
            throw ended();
        }
        while (data.hasRemaining()) {
            switch (state) {
                case SIZE -> size(data);
                case DATA -> data(data);
                case DATA_END -> {
                    if (line.parse(data)) {
                        if (!line.isEmpty()) {
                            throw new IOException("chunk data longer than its size: '" + line.text() + "'");
                        }
                        state = State.SIZE;
                    }
                }
            }
        }
    }

    private void size(ByteBuffer data) throws IOException {
        if (!line.parse(data)) {
            return;
        }
        left = line.hexadecimal();
        if (left == 0) {
            state = State.ENDED;
            throw ended();
        }
        state = State.DATA;
    }

    private static EOFException ended() {
        return new EOFException("the server ended the stream");
    }

    private void data(ByteBuffer data) throws IOException {
        left -= Slices.handOn(data, left, body);
        if (left == 0) {
            state = State.DATA_END;
        }
    }
}
