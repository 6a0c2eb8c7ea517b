package org.livecam.http;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.livecam.frame.Frame;

/**
 * The bytes of a {@code multipart/x-mixed-replace} stream around each frame, built once per
 * frame and shared by every viewer.
 *
 * <p>Each part is followed at once by the next boundary, so a reader knows a part is whole
 * without waiting for the next frame. Chrome needs more than that (the next part's headers)
 * before it draws a part: the {@link FramePump} repeats the last frame of a run for it.
 */
final class MjpegParts {
    static final String BOUNDARY = "livecamframe";
    static final String CONTENT_TYPE = "multipart/x-mixed-replace;boundary=" + BOUNDARY;
    static final Buffer OPENING = direct("--" + BOUNDARY + "\r\n");
    static final Buffer CLOSING = direct("\r\n--" + BOUNDARY + "\r\n");
    /** After a CLOSING (an empty part, allowed by RFC 2046), the close delimiter: the stream ends here, not cut off. */
    static final Buffer FINAL = direct("\r\n--" + BOUNDARY + "--\r\n");
    private static final Object HEADER_KEY = new Object();
    private static final Object PART_KEY = new Object();
    private static final Object CHUNK_KEY = new Object();
    private static final byte[] CRLF = {'\r', '\n'};

    private MjpegParts() {
    }

    /** The part headers of this frame, made on first use and shared. */
    static Buffer header(Frame frame) {
        return frame.derive(HEADER_KEY, MjpegParts::makeHeader);
    }

    /**
     * Headers, JPEG and closing boundary as one buffer of three direct pieces, made once per
     * frame: one write per viewer (one writev, no copy) where three writes cost three syscalls.
     */
    static Buffer part(Frame frame) {
        return frame.derive(PART_KEY, f -> NettyBridge.concat(header(f), NettyBridge.buffer(f), CLOSING));
    }

    /**
     * The part as the body of an HTTP/1 chunked response carries it: the chunk's size line,
     * headers, JPEG, closing boundary and the chunk's end, in ONE contiguous direct buffer made
     * once per frame (one copy of the JPEG per frame, not per viewer). Each viewer's write is
     * then a single piece of memory (one iovec, no per-write chunk line or composite views),
     * written under Vert.x's encoder by {@link NettyBridge.ChannelLink#writeChunk}.
     */
    static Buffer chunk(Frame frame) {
        return frame.derive(CHUNK_KEY, MjpegParts::makeChunk);
    }

    private static Buffer makeChunk(Frame frame) {
        byte[] header = header(frame).getBytes();
        byte[] closing = CLOSING.getBytes();
        int size = header.length + frame.size() + closing.length;
        byte[] sizeLine = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer memory = ByteBuffer.allocateDirect(sizeLine.length + size + CRLF.length);
        memory.put(sizeLine).put(header).put(frame.bytes()).put(closing).put(CRLF).flip();
        return NettyBridge.wrap(memory);
    }

    private static Buffer makeHeader(Frame frame) {
        long millis = frame.receivedAt().toEpochMilli();
        String micros = Long.toString((millis % 1000) * 1000 + 1_000_000).substring(1); // six digits, no Formatter
        // Content-Length on every part: some clients cannot find the end of a JPEG without it.
        // X-Timestamp as seconds.micros is what mjpg-streamer and µStreamer send.
        return direct("Content-Type: image/jpeg\r\n"
                + "Content-Length: " + frame.size() + "\r\n"
                + "X-Timestamp: " + (millis / 1000) + "." + micros + "\r\n"
                + "X-Frame-Sequence: " + frame.sequence() + "\r\n"
                + "\r\n");
    }

    private static Buffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer memory = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return NettyBridge.wrap(memory);
    }
}
