package org.livecam.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import org.livecam.wire.ByteSink;
import org.livecam.wire.ChunkedParser;
import org.livecam.wire.InputFeed;
import org.livecam.wire.MultipartParser;
import org.livecam.wire.ResponseHead;

/**
 * A viewer of an MJPEG stream on a raw socket, so that tests see exactly the bytes the server
 * sent: the response head and each part with its headers and body, read by the product's own
 * {@link MultipartParser} (and {@link ChunkedParser} when the server chunks).
 *
 * <p>A part counts as received only once the boundary after it has arrived, as Chrome draws a
 * part only then: {@link #next} therefore fails (by timeout) on a server that sends the boundary
 * before each part instead of after it. Not thread-safe: one test thread reads.
 */
public final class MjpegReader implements AutoCloseable, MultipartParser.Listener {
    /** One part of the stream: its headers (lower-case names), its body and when it arrived. */
    public record Part(Map<String, String> headers, byte[] body, long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public long sequence() {
            String value = header("X-Frame-Sequence");
            return value == null ? -1 : Long.parseLong(value.trim());
        }
    }

    private final Socket socket;
    private final ResponseHead head;
    private final InputFeed feed;
    private final ByteSink parts;
    private final Queue<Part> received = new ArrayDeque<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Map<String, String> partHeaders;
    private byte[] endedBody;

    private MjpegReader(Socket socket, ResponseHead head, InputFeed feed) {
        this.socket = socket;
        this.head = head;
        this.feed = feed;
        String boundary = head.boundary();
        MultipartParser multipart = boundary == null ? null : new MultipartParser(boundary, true, this);
        this.parts = head.chunked() ? new ChunkedParser(multipart) : multipart;
    }

    /** Connects, sends the GET and reads the response head. */
    public static MjpegReader open(int port, String pathAndQuery) throws IOException {
        return open(port, pathAndQuery, 0);
    }

    /**
     * As {@link #open(int, String)}, with a receive buffer of {@code receiveBufferBytes} (0: the
     * system's) set before connecting, so that a viewer that stops reading stalls soon.
     */
    public static MjpegReader open(int port, String pathAndQuery, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setSoTimeout(15_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return over(socket, pathAndQuery);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends the GET on a socket already connected (a TLS socket, say) and reads the response head. */
    public static MjpegReader over(Socket socket, String pathAndQuery) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + socket.getPort() + "\r\n"
                + "Accept: multipart/x-mixed-replace, image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputFeed feed = new InputFeed(socket.getInputStream(), 64 * 1024);
        return new MjpegReader(socket, feed.readHead(), feed);
    }

    /** Parses a multipart body already in hand (no socket), as served with {@code contentType}. */
    public static MjpegReader of(InputStream body, String contentType) {
        ResponseHead head = new ResponseHead("HTTP/1.1 200 OK", 200, Map.of("content-type", contentType), List.of());
        return new MjpegReader(null, head, new InputFeed(body, 64 * 1024));
    }

    public int status() {
        return head.status();
    }

    /** A response header by its name, any case. */
    public String header(String name) {
        return head.header(name);
    }

    /** The boundary declared in the Content-Type, or null when there is none. */
    public String boundary() {
        return head.boundary();
    }

    /** The socket's read timeout; {@link #next} fails with a timeout after it. */
    public void timeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * The next part whose frame is newer than {@code sequence}, skipping the repeats the server
     * sends to make browsers draw the last frame of a run.
     */
    public Part nextNewerThan(long sequence) throws IOException {
        Part part = next();
        while (part.sequence() <= sequence) {
            part = next();
        }
        return part;
    }

    /** Reads the next whole part and the boundary after it; fails if the stream breaks the format. */
    public Part next() throws IOException {
        if (boundary() == null) {
            throw new IOException("no boundary in Content-Type: " + header("Content-Type"));
        }
        if (received.isEmpty()) {
            try {
                feed.feedUntil(parts, () -> !received.isEmpty());
            } catch (java.io.EOFException end) {
                if (received.isEmpty()) {
                    throw end;
                }
                // the stream's end came in the same read as its last parts: those come first
            }
        }
        return received.remove();
    }

    @Override
    public void partStarted(Map<String, String> headers) {
        partHeaders = headers;
        body.reset();
    }

    @Override
    public void partBody(ByteBuffer data) {
        body.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    }

    @Override
    public void partEnded() {
        endedBody = body.toByteArray();
    }

    @Override
    public void delimiter() {
        if (endedBody != null) {
            received.add(new Part(partHeaders, endedBody, System.nanoTime()));
            endedBody = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
