package org.livecam.testing;

import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket viewer on a raw socket with a receive buffer of the test's choosing, reading
 * RFC 6455 frames by hand. Unlike a WebSocket library it reads nothing ahead: while the test
 * does not call {@link #next}, the bytes wait in the kernel (and then in the server), so a
 * stalled viewer is exactly as stalled as the test says. Not thread-safe: one test thread reads.
 */
public final class RawWebSocketReader implements AutoCloseable {
    /** One frame of a viewer socket: the JSON preamble and the JPEG after it. */
    public record Message(JsonObject preamble, byte[] jpeg) {
        public long seq() {
            return preamble.getLong("seq");
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final java.util.List<String> responseHead;

    private RawWebSocketReader(Socket socket, DataInputStream in, java.util.List<String> responseHead) {
        this.socket = socket;
        this.in = in;
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
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1024));
        String status = readLine(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        java.util.List<String> head = new java.util.ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.add(line);
        }
        return new RawWebSocketReader(socket, in, head);
    }

    /** The header lines of the server's 101 answer. */
    public java.util.List<String> responseHead() {
        return responseHead;
    }

    /** The next preamble and the binary message after it. */
    public Message next() throws IOException {
        JsonObject preamble = null;
        while (true) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            int opcode = readMessage(payload);
            if (opcode == 1) {
                preamble = new JsonObject(payload.toString(StandardCharsets.UTF_8));
            } else if (opcode == 2 && preamble != null) {
                return new Message(preamble, payload.toByteArray());
            } else if (opcode == 8) {
                throw new IOException("the server closed the socket");
            }
        }
    }

    /** Reads one whole message (its frames and continuations) into {@code payload}; returns its opcode. */
    private int readMessage(ByteArrayOutputStream payload) throws IOException {
        int opcode = -1;
        boolean fin = false;
        while (!fin) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            fin = (b0 & 0x80) != 0;
            if ((b0 & 0x0F) != 0) {
                opcode = b0 & 0x0F;
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] data = new byte[Math.toIntExact(length)]; // frames from the server are not masked
            in.readFully(data);
            payload.writeBytes(data);
        }
        return opcode;
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
