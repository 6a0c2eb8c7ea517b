package org.livecam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    /** Records what the parser reports, as text events and whole bodies. */
    private static final class Recorder implements MultipartParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void partStarted(Map<String, String> headers) {
            events.add("start " + headers.getOrDefault("x-frame-sequence", "-"));
            body.reset();
        }

        @Override
        public void partBody(ByteBuffer data) {
            byte[] piece = new byte[data.remaining()];
            data.get(data.position(), piece);
            body.writeBytes(piece);
        }

        @Override
        public void partEnded() {
            events.add("end");
            bodies.add(body.toByteArray());
        }

        @Override
        public void delimiter() {
            events.add("delimiter");
        }
    }

    @Test
    void partsSplitAnywhereComeOutWholeWithTheDelimiterAfterEach() throws IOException {
        byte[] first = random(1, 5000);
        byte[] second = random(2, 0);
        byte[] third = random(3, 70_000);
        byte[] stream = concat(ascii("--b\r\n"), part(first, 1), part(second, 2), part(third, 3));
        for (int seed = 0; seed < 20; seed++) {
            Recorder recorder = new Recorder();
            Splits.feed(new MultipartParser("b", true, recorder), stream, seed, seed % 2 == 0 ? 7 : 9000);
            assertThat(recorder.events).containsExactly("delimiter", "start 1", "end", "delimiter", "start 2", "end",
                    "delimiter", "start 3", "end", "delimiter");
            assertThat(recorder.bodies).containsExactly(first, second, third);
        }
    }

    @Test
    void throughChunkedCodingTheSamePartsComeOut() throws IOException {
        byte[] jpeg = random(4, 3000);
        byte[] body = concat(ascii("--b\r\n"), part(jpeg, 9));
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            chunked.writeBytes(ascii(Integer.toHexString(n) + ";ext=1\r\n"));
            chunked.write(body, at, n);
            chunked.writeBytes(ascii("\r\n"));
        }
        Recorder recorder = new Recorder();
        Splits.feed(new ChunkedParser(new MultipartParser("b", true, recorder)), chunked.toByteArray(), 5, 300);
        assertThat(recorder.bodies).containsExactly(jpeg);
        assertThatThrownBy(() -> new ChunkedParser(recorder::partBody).accept(ByteBuffer.wrap(ascii("0\r\n\r\n"))))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void theEndOfAChunkedBodyStaysTheEndWhenReadAgain() throws IOException {
        // The last data and the last chunk in one read, as a replay's end arrives: a reader hands on
        // the data it got before the EOF, and asks again with what is left (the trailer's empty line).
        ByteBuffer read = ByteBuffer.wrap(ascii("5\r\nhello\r\n0\r\n\r\n"));
        StringBuilder body = new StringBuilder();
        ChunkedParser parser = new ChunkedParser(data -> body.append(StandardCharsets.US_ASCII.decode(data)));

        assertThatThrownBy(() -> parser.accept(read)).isInstanceOf(EOFException.class);
        assertThat(body).hasToString("hello");
        assertThat(read.remaining()).as("the trailer is still unread").isEqualTo(2);
        assertThatThrownBy(() -> parser.accept(read)).as("asked again").isInstanceOf(EOFException.class)
                .hasMessage("the server ended the stream");
        assertThat(read.hasRemaining()).isFalse();
        assertThatThrownBy(() -> parser.accept(ByteBuffer.allocate(0))).as("and again, with nothing new").isInstanceOf(EOFException.class);
    }

    @Test
    void withoutKeptHeadersOnlyContentLengthIsRead() throws IOException {
        Recorder recorder = new Recorder();
        Splits.feed(new MultipartParser("b", false, recorder), concat(ascii("\r\n--b\r\n"), part(random(5, 10), 7)), 1, 4);
        assertThat(recorder.events).containsExactly("delimiter", "start -", "end", "delimiter");
    }

    @Test
    void aStrayLineWhereTheDelimiterBelongsFailsTheStream() {
        byte[] stream = concat(ascii("--b\r\nContent-Length: 2\r\n\r\nab\r\n--other\r\n"));
        assertThatThrownBy(() -> new MultipartParser("b", true, new Recorder()).accept(ByteBuffer.wrap(stream)))
                .hasMessageContaining("expected '--b' but read '--other'");
    }

    @Test
    void aContentLengthPastWhatALongHoldsFailsTheStreamAsAnyBadHeader() {
        // Found by fuzzing: it threw ArithmeticException, which no reader of a stream expects.
        byte[] stream = ascii("--b\r\nContent-Length: 99999999999999999999\r\n\r\nab");
        assertThatThrownBy(() -> new MultipartParser("b", false, new Recorder()).accept(ByteBuffer.wrap(stream)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("number too large");
    }

    @Test
    void aHeaderNameWithSpacesOrControlsFailsTheStreamWhenHeadersAreKept() {
        // Found by fuzzing: " Content-Length: 9" was kept as content-length while the body was read by another line's length.
        byte[] stream = ascii("--b\r\nContent-Length: 2\r\n Content-Length: 9\r\n\r\nab");
        assertThatThrownBy(() -> new MultipartParser("b", true, new Recorder()).accept(ByteBuffer.wrap(stream)))
                .hasMessageContaining("not a header line");
    }

    @Test
    void aPartWithoutContentLengthFailsTheStream() {
        byte[] stream = ascii("--b\r\nContent-Type: image/jpeg\r\n\r\nab");
        assertThatThrownBy(() -> new MultipartParser("b", false, new Recorder()).accept(ByteBuffer.wrap(stream)))
                .hasMessageContaining("without Content-Length");
    }

    @Test
    void theClosingDelimiterEndsTheStream() {
        byte[] stream = concat(ascii("--b\r\n"), ascii("Content-Length: 1\r\n\r\nx\r\n--b--\r\n"));
        assertThatThrownBy(() -> new MultipartParser("b", true, new Recorder()).accept(ByteBuffer.wrap(stream)))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void theBoundaryComesFromTheContentTypeQuotedOrNot() {
        assertThat(MultipartParser.boundaryOf("multipart/x-mixed-replace; boundary=\"--frame\"")).isEqualTo("--frame");
        assertThat(MultipartParser.boundaryOf("multipart/x-mixed-replace;Boundary=b")).isEqualTo("b");
        assertThat(MultipartParser.boundaryOf("image/jpeg")).isNull();
    }

    private static byte[] part(byte[] body, long sequence) {
        return concat(ascii("Content-Type: image/jpeg\r\nContent-Length: " + body.length + "\r\nX-Frame-Sequence: " + sequence + "\r\n\r\n"),
                body, ascii("\r\n--b\r\n"));
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
