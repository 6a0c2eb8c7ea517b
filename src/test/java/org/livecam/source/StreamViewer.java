package org.livecam.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;

/**
 * A viewer of {@code stream.mjpg} for tests: reads parts by their Content-Length header, the way
 * simple clients do, independently of the splitter under test. Close it to leave.
 */
final class StreamViewer implements AutoCloseable {
    private final HttpURLConnection connection;
    private final InputStream in;

    StreamViewer(URI uri) throws IOException {
        connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(30_000);
        in = connection.getInputStream();
    }

    /** The next part's JPEG bytes. */
    byte[] next() throws IOException {
        int length = -1;
        while (true) {
            String line = line();
            if (line.isEmpty() && length >= 0) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] jpeg = in.readNBytes(length);
        if (jpeg.length != length) {
            throw new IOException("stream ended inside a part");
        }
        return jpeg;
    }

    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("stream ended");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
