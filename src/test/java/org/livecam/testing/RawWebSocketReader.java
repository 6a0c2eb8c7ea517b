package org.livecam.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import org.livecam.wire.InputFeed;
import org.livecam.wire.ResponseHead;
import org.livecam.wire.WebSocketFrameParser;

/**
 * A WebSocket viewer on a raw socket with a receive buffer of the test's choosing, its frames
 * read by the product's own {@link WebSocketFrameParser}. Unlike a WebSocket library it reads at
 * most 1 KiB ahead: while the test does not call {@link #next}, the bytes wait in the kernel (and
 * then in the server), so a stalled viewer is exactly as stalled as the test says. Not
 * thread-safe: one test thread reads.
 */
public final class RawWebSocketReader implements AutoCloseable, WebSocketFrameParser.Listener {
    /** One frame of a viewer socket: the JSON preamble and the JPEG after it. */
    public record Message(JsonObject preamble, byte[] jpeg) {
        public long seq() {
            return preamble.getLong("seq");
        }
    }

    private final Socket socket;
    private final InputFeed feed;
    private final List<String> responseHead;
    private final WebSocketFrameParser frames = new WebSocketFrameParser(this);
    private final Queue<Message> received = new ArrayDeque<>();
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private int opcode;
    private JsonObject preamble;

    private RawWebSocketReader(Socket socket, InputFeed feed, List<String> responseHead) {
        this.socket = socket;
        this.feed = feed;
        this.responseHead = responseHead;
    }

    /** Connects with a receive buffer of {@code receiveBufferBytes} (0: the system default) and completes the upgrade. */
    public static RawWebSocketReader open(int port, String path, int receiveBufferBytes) throws IOException {
        return open(port, path, receiveBufferBytes, "");
    }

    /** As above, with {@code extraHeaders} (each ending in CRLF) added to the upgrade request. */
    public static RawWebSocketReader open(int port, String path, int receiveBufferBytes, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the window starts small
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        String key = Base64.getEncoder().encodeToString("livecam-test-key".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputFeed feed = new InputFeed(socket.getInputStream(), 1024);
        ResponseHead head = feed.readHead();
        if (head.status() != 101) {
            socket.close();
            throw new IOException("upgrade refused: " + head.statusLine());
        }
        return new RawWebSocketReader(socket, feed, head.lines());
    }

    /** The header lines of the server's 101 answer. */
    public List<String> responseHead() {
        return responseHead;
    }

    /** The next preamble and the binary message after it. */
    public Message next() throws IOException {
        if (received.isEmpty()) {
            try {
                feed.feedUntil(frames, () -> !received.isEmpty());
            } catch (java.io.EOFException closed) {
                if (received.isEmpty()) {
                    throw closed;
                }
                // the close came in the same read as the last messages: those come first
            }
        }
        return received.remove();
    }

    @Override
    public void messageStarted(int opcode) {
        this.opcode = opcode;
        payload.reset();
    }

    @Override
    public void payload(ByteBuffer data) {
        payload.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    }

    @Override
    public void messageEnded() {
        if (opcode == WebSocketFrameParser.OP_TEXT) {
            preamble = new JsonObject(payload.toString(StandardCharsets.UTF_8));
        } else if (preamble != null) {
            received.add(new Message(preamble, payload.toByteArray()));
            preamble = null;
        }
    }

    /**
     * Sends a close frame with {@code status} and drops the connection at once (a reset), without
     * reading the server's answer: what a browser leaving a page can do to a server busy writing.
     */
    public void closeAndDrop(int status) throws IOException {
        byte[] mask = {1, 2, 3, 4};
        byte[] payload = {(byte) (status >> 8), (byte) status};
        byte[] frame = {(byte) 0x88, (byte) (0x80 | payload.length), mask[0], mask[1], mask[2], mask[3],
            (byte) (payload[0] ^ mask[0]), (byte) (payload[1] ^ mask[1])};
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
