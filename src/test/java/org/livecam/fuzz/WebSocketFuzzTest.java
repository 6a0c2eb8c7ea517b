package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.InvalidJpegException;
import org.livecam.publish.PublishProtocol;
import org.livecam.wire.WebSocketFrameParser;

/**
 * WebSocket frames ({@code wire.WebSocketFrameParser}) and what decides a publish message: a
 * text message is read for its token ({@code PublishProtocol.tokenIn}), a binary one is
 * published as a frame ({@code Cameras.publish}, as {@code http.WebSocketPublishHandler} does).
 * Frames that break RFC 6455 fail with an IOException; a token is a String or null; a binary
 * message is published or refused with InvalidJpegException, and a refused one changes nothing.
 * Where the reads split the stream changes nothing.
 */
class WebSocketFuzzTest {
    /** Messages past this are not collected (the server's own limit is --max-frame-bytes). */
    private static final int MAX_MESSAGE = 1 << 20;

    @FuzzTest(maxDuration = "10m")
    void publishSession(FuzzedDataProvider data) {
        List<ByteBuffer> chunks = Chunks.cut(data);
        Session chunked = new Session();
        Session whole = new Session();
        feed(chunks, chunked);
        feed(List.of(ByteBuffer.wrap(Chunks.joined(chunks))), whole);
        assertThat(chunked.log).as("messages read in chunks vs at once").isEqualTo(whole.log);
    }

    private static void feed(List<ByteBuffer> chunks, Session session) {
        if (!Chunks.feed(new WebSocketFrameParser(session), chunks)) {
            session.log.add("failed");
        }
    }

    /** One publishing socket's messages, each decided as the server decides it. */
    private static final class Session implements WebSocketFrameParser.Listener {
        final List<String> log = new ArrayList<>();
        private final Cameras cameras = new Cameras(Clock.systemUTC());
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private int opcode = -1;

        @Override
        public void messageStarted(int op) {
            assertThat(op).isIn(WebSocketFrameParser.OP_TEXT, WebSocketFrameParser.OP_BINARY);
            opcode = op;
            message.reset();
        }

        @Override
        public void payload(ByteBuffer data) {
            assertThat(opcode).as("payload outside a message").isNotEqualTo(-1);
            int n = Math.min(data.remaining(), MAX_MESSAGE - message.size());
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.write(bytes, 0, Math.max(0, n));
        }

        @Override
        public void messageEnded() {
            assertThat(opcode).as("a message ended that never started").isNotEqualTo(-1);
            byte[] bytes = message.toByteArray();
            if (opcode == WebSocketFrameParser.OP_TEXT) {
                String token = PublishProtocol.tokenIn(new String(bytes, StandardCharsets.UTF_8));
                log.add("token " + token);
            } else {
                log.add(publish(bytes));
            }
            opcode = -1;
        }

        private String publish(byte[] bytes) {
            Frame before = cameras.get("cam").map(c -> c.latest()).orElse(null);
            try {
                Frame frame = cameras.publish("cam", ByteBuffer.wrap(bytes));
                assertThat(frame.width()).isPositive();
                assertThat(frame.height()).isPositive();
                assertThat(frame.size()).isEqualTo(bytes.length);
                return "published " + frame.width() + "x" + frame.height();
            } catch (InvalidJpegException e) {
                assertThat(cameras.get("cam").map(c -> c.latest()).orElse(null)).as("a refused frame changes nothing").isSameAs(before);
                return "refused " + e.getMessage();
            }
        }
    }
}
