package org.livecam.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the RFC 6455 frames a server sends, from chunks split anywhere, and reports whole
 * messages: a text or binary message may be split into continuation frames (Vert.x splits at
 * 64 KiB), and its payload is handed out as slices of the caller's buffer. Pings and pongs are
 * skipped; a close frame ends the stream as an {@link EOFException}. Frames from a server are
 * never masked (section 5.1), so a masked one fails the stream, and so does a continuation frame
 * outside a message or a new message inside one (section 5.4). Not thread-safe.
 */
public final class WebSocketFrameParser implements ByteSink {
    public static final int OP_TEXT = 1;
    public static final int OP_BINARY = 2;
    private static final int OP_CONTINUATION = 0;
    private static final int OP_CLOSE = 8;
    private static final int CONTROL = 0x8;

    /** What the parser found; called on the thread that feeds it. */
    public interface Listener {
        /** A message begins; {@code opcode} is {@link #OP_TEXT} or {@link #OP_BINARY}. */
        void messageStarted(int opcode) throws IOException;

        /** The next bytes of the message, between position and limit; not to be kept or moved. */
        void payload(ByteBuffer data) throws IOException;

        /** The message's last frame has ended. */
        void messageEnded() throws IOException;
    }

    private static final ByteSink SKIP = data -> { };

    private final Listener listener;
    private final ByteSink toListener;
    private final byte[] header = new byte[10];
    private int headerLength;
    private boolean inPayload;
    private boolean inMessage; // a text or binary message has begun and its final frame has not ended
    private boolean fin;
    private boolean control;
    private long payloadLeft;

    public WebSocketFrameParser(Listener listener) {
        this.listener = listener;
        this.toListener = listener::payload;
    }

    @Override
    public void accept(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (inPayload) {
                payload(data);
            } else if (header(data)) {
                frameStarted();
            }
        }
    }

    /** Collects the 2 to 10 header bytes; true once all are in. */
    private boolean header(ByteBuffer data) throws IOException {
        header[headerLength++] = data.get();
        if (headerLength == 2 && (header[1] & 0x80) != 0) {
            throw new IOException("a masked frame from the server");
        }
        int len7 = headerLength < 2 ? 0 : header[1] & 0x7F;
        return headerLength >= 2 && headerLength == 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
    }

    private void frameStarted() throws IOException {
        int len7 = header[1] & 0x7F;
        payloadLeft = len7 == 126 ? bigEndian(2) : len7 == 127 ? bigEndian(8) : len7;
        headerLength = 0;
        if (payloadLeft < 0) {
            throw new IOException("a frame longer than 2^63 bytes");
        }
        fin = (header[0] & 0x80) != 0;
        int opcode = header[0] & 0x0F;
        control = (opcode & CONTROL) != 0;
        if (opcode == OP_CLOSE) {
            throw new EOFException("the server closed the WebSocket");
        }
        if (opcode == OP_TEXT || opcode == OP_BINARY) {
            if (inMessage) { // RFC 6455 section 5.4: a fragmented message is not interleaved with another
                throw new IOException("a new message before the last one ended");
            }
            inMessage = true;
            listener.messageStarted(opcode);
        } else if (opcode == OP_CONTINUATION) {
            if (!inMessage) { // found by fuzzing: its payload reached the listener outside any message
                throw new IOException("a continuation frame outside a message");
            }
        } else if (!control) {
            throw new IOException("an unknown opcode " + opcode);
        }
        inPayload = true;
        if (payloadLeft == 0) {
            frameEnded();
        }
    }

    /** The extended payload length in the {@code bytes} after the first two header bytes. */
    private long bigEndian(int bytes) {
        long value = 0;
        for (int i = 2; i < 2 + bytes; i++) {
            value = value << 8 | (header[i] & 0xFF);
        }
        return value;
    }

    private void payload(ByteBuffer data) throws IOException {
        payloadLeft -= Slices.handOn(data, payloadLeft, control ? SKIP : toListener); // pings and pongs: nothing to report
        if (payloadLeft == 0) {
            frameEnded();
        }
    }

    private void frameEnded() throws IOException {
        inPayload = false;
        if (fin && !control) {
            inMessage = false;
            listener.messageEnded();
        }
    }
}
