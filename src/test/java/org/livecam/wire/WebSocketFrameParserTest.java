package org.livecam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livecam.testing.WebSocketFrames.unmasked;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketFrameParserTest {
    /** Records each whole message as its opcode and payload. */
    private static final class Recorder implements WebSocketFrameParser.Listener {
        final List<Integer> opcodes = new ArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();

        @Override
        public void messageStarted(int opcode) {
            opcodes.add(opcode);
            payload.reset();
        }

        @Override
        public void payload(ByteBuffer data) {
            byte[] piece = new byte[data.remaining()];
            data.get(data.position(), piece);
            payload.writeBytes(piece);
        }

        @Override
        public void messageEnded() {
            messages.add(payload.toByteArray());
        }
    }

    @Test
    void fragmentedMessagesSplitAnywhereComeOutWholeAndPingsBetweenFragmentsAreSkipped() throws IOException {
        byte[] text = "{\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[150_000];
        new Random(1).nextBytes(big);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        unmasked(stream, true, 1, text);
        unmasked(stream, false, 2, Arrays.copyOfRange(big, 0, 65_536));
        unmasked(stream, true, 9, new byte[] {1, 2, 3}); // a ping inside the binary message
        unmasked(stream, false, 0, Arrays.copyOfRange(big, 65_536, 131_072));
        unmasked(stream, false, 0, new byte[0]);
        unmasked(stream, true, 0, Arrays.copyOfRange(big, 131_072, big.length));
        unmasked(stream, true, 2, new byte[0]);
        for (int seed = 0; seed < 10; seed++) {
            Recorder recorder = new Recorder();
            Splits.feed(new WebSocketFrameParser(recorder), stream.toByteArray(), seed, seed % 2 == 0 ? 3 : 5000);
            assertThat(recorder.opcodes).containsExactly(1, 2, 2);
            assertThat(recorder.messages).containsExactly(text, big, new byte[0]);
        }
    }

    @Test
    void aCloseFrameEndsTheStream() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        unmasked(stream, true, 8, new byte[] {0x03, (byte) 0xE8});
        assertThatThrownBy(() -> new WebSocketFrameParser(new Recorder()).accept(ByteBuffer.wrap(stream.toByteArray())))
                .isInstanceOf(EOFException.class).hasMessageContaining("closed");
    }

    @Test
    void aMaskedFrameFromTheServerFailsTheStream() {
        byte[] masked = {(byte) 0x82, (byte) 0x81, 1, 2, 3, 4, 5};
        assertThatThrownBy(() -> new WebSocketFrameParser(new Recorder()).accept(ByteBuffer.wrap(masked)))
                .hasMessageContaining("masked");
    }

    @Test
    void aContinuationFrameOutsideAMessageFailsTheStream() {
        // Found by fuzzing: its payload reached the listener as if a message had begun.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        unmasked(stream, true, 2, new byte[] {1, 2});
        unmasked(stream, true, 0, new byte[] {3});
        assertThatThrownBy(() -> new WebSocketFrameParser(new Recorder()).accept(ByteBuffer.wrap(stream.toByteArray())))
                .hasMessageContaining("continuation frame outside a message");
    }

    @Test
    void aNewMessageInsideAFragmentedOneFailsTheStream() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        unmasked(stream, false, 2, new byte[] {1, 2});
        unmasked(stream, true, 1, new byte[] {'x'});
        assertThatThrownBy(() -> new WebSocketFrameParser(new Recorder()).accept(ByteBuffer.wrap(stream.toByteArray())))
                .hasMessageContaining("a new message before the last one ended");
    }
}
