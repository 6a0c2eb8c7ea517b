package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads {@code GET /cameras/{id}/ws} (issue 4: one binary message per frame) without decoding
 * images: the HTTP upgrade (101), then RFC 6455 frames. A binary message may be split into
 * continuation frames (Vert.x splits at 64 KiB) and may start with a small header of the
 * server's own before the JPEG, so the first {@link #KEPT} bytes of each message are kept and
 * searched for the {@link FrameStamp}. Text messages (per-frame JSON metadata) are skipped.
 *
 * <p>Nothing is ever written after the upgrade, so a server's pings go unanswered; livecam does
 * not ping. A close frame ends the viewer.
 */
final class WebSocketLoadViewer implements StreamDecoder {
    static final int KEPT = 256;
    private static final int OP_CONTINUATION = 0;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;

    private enum State { HEAD, FRAME_HEADER, PAYLOAD }

    private final String host;
    private final String path;
    private final ViewerStats stats;
    private final LineBuffer line = new LineBuffer();
    private final byte[] header = new byte[14];
    private final byte[] message = new byte[KEPT];
    private State state = State.HEAD;
    private boolean statusSeen;
    private int headerLength;
    private long payloadLeft;
    private boolean fin;
    private int opcode;
    private boolean inBinaryMessage;
    private int kept;

    WebSocketLoadViewer(String host, String path, ViewerStats stats) {
        this.host = host;
        this.path = path;
        this.stats = stats;
    }

    @Override
    public ByteBuffer request() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: livecam-bench\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void read(ByteBuffer data, long nowNanos) throws IOException {
        while (data.hasRemaining()) {
            switch (state) {
                case HEAD -> {
                    if (line.fill(data, data.limit())) {
                        head(line.take());
                    }
                }
                case FRAME_HEADER -> frameHeader(data);
                case PAYLOAD -> payload(data, nowNanos);
            }
        }
    }

    private void head(String text) throws IOException {
        if (!statusSeen) {
            statusSeen = true;
            if (!text.startsWith("HTTP/1.1 101")) {
                throw new IOException("server answered '" + text + "' to the WebSocket upgrade");
            }
        } else if (text.isEmpty()) {
            state = State.FRAME_HEADER;
            stats.onConnected();
        }
    }

    private void frameHeader(ByteBuffer data) throws IOException {
        header[headerLength++] = data.get();
        if (headerLength < 2) {
            return;
        }
        int len7 = header[1] & 0x7F;
        boolean masked = (header[1] & 0x80) != 0;
        int needed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (headerLength < needed) {
            return;
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        payloadLeft = len7 == 126 ? h.getShort(2) & 0xFFFF : len7 == 127 ? h.getLong(2) : len7;
        headerLength = 0;
        if (opcode == OP_CLOSE) {
            throw new IOException("the server closed the WebSocket");
        }
        if (opcode == OP_BINARY) {
            inBinaryMessage = true;
            kept = 0;
        }
        state = State.PAYLOAD;
    }

    private void payload(ByteBuffer data, long nowNanos) {
        int n = (int) Math.min(data.remaining(), payloadLeft);
        boolean binary = inBinaryMessage && (opcode == OP_BINARY || opcode == OP_CONTINUATION);
        if (binary && kept < KEPT) {
            int keep = Math.min(n, KEPT - kept);
            data.get(data.position(), message, kept, keep);
            kept += keep;
        }
        data.position(data.position() + n);
        payloadLeft -= n;
        if (payloadLeft > 0) {
            return;
        }
        state = State.FRAME_HEADER;
        if (binary && fin) {
            inBinaryMessage = false;
            stats.onFrame(FrameStamp.find(message, kept), nowNanos);
        }
    }
}
