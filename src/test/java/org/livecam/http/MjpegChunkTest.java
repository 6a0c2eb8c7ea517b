package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/**
 * The MJPEG stream on the wire of HTTP/1.1, read as raw chunks: every frame reaches a viewer as
 * ONE chunk holding the whole part (headers, JPEG and the closing boundary), which the server
 * builds once per frame and writes to each viewer as one buffer.
 */
class MjpegChunkTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void everyFrameIsOneChunkOfHeadersJpegAndBoundary() throws IOException {
        byte[] red = TestJpegs.solid(160, 120, Color.RED);
        byte[] green = TestJpegs.solid(160, 120, Color.GREEN);
        server.publish("chunks", red);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /cameras/chunks/stream.mjpg HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            assertThat(new String(chunk(in), StandardCharsets.US_ASCII)).isEqualTo("--" + MjpegParts.BOUNDARY + "\r\n");

            assertWholePart(chunk(in), red, 1);
            server.publish("chunks", green);
            byte[] next = chunk(in);
            while (sequence(next) == 1) { // an idle repeat of the first frame may come before it
                next = chunk(in);
            }
            assertWholePart(next, green, 2);
        }
    }

    private static void assertWholePart(byte[] chunk, byte[] jpeg, long sequence) {
        String text = new String(chunk, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("Content-Type: image/jpeg\r\n").contains("Content-Length: " + jpeg.length + "\r\n");
        assertThat(sequence(chunk)).isEqualTo(sequence);
        assertThat(Arrays.copyOfRange(chunk, bodyStart, bodyStart + jpeg.length)).as("the JPEG, whole, in the same chunk").isEqualTo(jpeg);
        assertThat(text.substring(bodyStart + jpeg.length)).as("the part ends the chunk with its boundary")
                .isEqualTo("\r\n--" + MjpegParts.BOUNDARY + "\r\n");
    }

    private static long sequence(byte[] chunk) {
        String text = new String(chunk, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("X-Frame-Sequence: ") + "X-Frame-Sequence: ".length();
        return Long.parseLong(text.substring(at, text.indexOf("\r\n", at)));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended in the head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One chunk of a chunked body: its size line, its bytes, its CRLF. */
    private static byte[] chunk(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("stream ended in a chunk's size line");
            }
            line.write(b);
        }
        int size = Integer.parseInt(line.toString(StandardCharsets.US_ASCII).trim(), 16);
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).as("a chunk ends with CRLF").isEqualTo("\r\n");
        return bytes;
    }
}
