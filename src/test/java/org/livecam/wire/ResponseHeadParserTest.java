package org.livecam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadParserTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
            + "Transfer-Encoding: chunked\nContent-Length: 12\r\n\r\n";

    @Test
    void theHeadSplitAnywhereEndsExactlyAtTheBlankLine() throws IOException {
        byte[] stream = (HEAD + "body").getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < stream.length; cut++) {
            ResponseHeadParser parser = new ResponseHeadParser();
            assertThat(parser.parse(ByteBuffer.wrap(stream, 0, cut))).isEqualTo(cut >= HEAD.length());
            ByteBuffer rest = ByteBuffer.wrap(stream, Math.min(cut, HEAD.length()), stream.length - Math.min(cut, HEAD.length()));
            if (parser.head() == null) {
                assertThat(parser.parse(rest)).isTrue();
            }
            assertThat(rest.remaining()).as("bytes left after the head").isEqualTo(4);
            ResponseHead head = parser.head();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.boundary()).isEqualTo("frame");
            assertThat(head.chunked()).isTrue();
            assertThat(head.contentLength()).isEqualTo(12);
            assertThat(head.header("content-type")).startsWith("multipart/");
            assertThat(head.lines()).hasSize(3);
        }
    }

    @Test
    void somethingElseThanAnHttpResponseFailsAtOnce() {
        ByteBuffer data = ByteBuffer.wrap("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new ResponseHeadParser().parse(data)).hasMessageContaining("not an HTTP response");
    }

    @Test
    void anInputFeedReadsTheHeadThenTheBodyAndReportsTheEnd() throws IOException {
        InputFeed feed = new InputFeed(new ByteArrayInputStream((HEAD + "twelve bytes").getBytes(StandardCharsets.US_ASCII)), 16);
        ResponseHead head = feed.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(new String(feed.read(6), StandardCharsets.US_ASCII)).isEqualTo("twelve");
        feed.skip(1);
        assertThat(new String(feed.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("bytes");
        assertThatThrownBy(() -> feed.read(1)).isInstanceOf(EOFException.class);
    }
}
