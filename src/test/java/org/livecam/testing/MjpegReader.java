package org.livecam.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A viewer of an MJPEG stream on a raw socket, parsing {@code multipart/x-mixed-replace} by
 * hand so that tests see exactly the bytes the server sent: the status and headers, the
 * boundary from the Content-Type, and each part with its headers and body. It undoes chunked
 * transfer coding itself.
 *
 * <p>A part counts as received only once the boundary after it has arrived, as Chrome draws a
 * part only then: {@link #next} therefore fails (by timeout) on a server that sends the boundary
 * before each part instead of after it. Not thread-safe: one test thread reads.
 */
public final class MjpegReader implements AutoCloseable {
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
    private final int status;
    private final Map<String, String> headers;
    private final String boundary;
    private final InputStream body;
    private boolean openingBoundaryRead;

    private MjpegReader(Socket socket, int status, Map<String, String> headers, String boundary, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.boundary = boundary;
        this.body = body;
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
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Accept: multipart/x-mixed-replace, image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String statusLine = readLine(in);
            String[] words = statusLine.split(" ", 3);
            if (words.length < 2 || !words[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(words[1]);
            Map<String, String> headers = readHeaders(in);
            String boundary = boundaryOf(headers.get("content-type"));
            boolean chunked = "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", "").trim());
            return new MjpegReader(socket, status, headers, boundary, chunked ? new Dechunker(in) : in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Parses a multipart body already in hand (no socket), as served with {@code contentType}. */
    public static MjpegReader of(InputStream body, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new MjpegReader(null, 200, headers, boundaryOf(contentType), body);
    }

    public int status() {
        return status;
    }

    /** A response header by its name, any case. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The boundary declared in the Content-Type, or null when there is none. */
    public String boundary() {
        return boundary;
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
        if (boundary == null) {
            throw new IOException("no boundary in Content-Type: " + header("Content-Type"));
        }
        String delimiter = "--" + boundary;
        if (!openingBoundaryRead) {
            String line = readLine(body);
            while (line.isEmpty()) { // a preamble may start with blank lines
                line = readLine(body);
            }
            expect(line, delimiter);
            openingBoundaryRead = true;
        }
        Map<String, String> partHeaders = readHeaders(body);
        String length = partHeaders.get("content-length");
        if (length == null) {
            throw new IOException("part without Content-Length: " + partHeaders);
        }
        byte[] jpeg = body.readNBytes(Integer.parseInt(length.trim()));
        if (jpeg.length < Integer.parseInt(length.trim())) {
            throw new EOFException("stream ended inside a part");
        }
        expect(readLine(body), ""); // the CRLF that ends the body belongs to the delimiter
        expect(readLine(body), delimiter);
        return new Part(partHeaders, jpeg, System.nanoTime());
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    private static void expect(String line, String wanted) throws IOException {
        if (!line.equals(wanted)) {
            throw new IOException("expected '" + wanted + "' but read '" + line + "'");
        }
    }

    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9).trim();
                if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                    value = value.substring(1, value.length() - 1);
                }
                // Some servers write the leading dashes into the parameter; the delimiter adds its own.
                return value;
            }
        }
        return null;
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header line: '" + line + "'");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** A line up to CRLF (a bare LF is accepted), without the line end. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("stream ended");
            }
            if (line.size() > 8192) {
                throw new IOException("line longer than 8 KiB: the stream is not where the parser thinks");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Undoes HTTP/1.1 chunked transfer coding. */
    private static final class Dechunker extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        Dechunker(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(in);
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("stream ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                expect(readLine(in), "");
            }
            return n;
        }
    }
}
