package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.livecam.wire.MultipartParser;

/**
 * {@code wire.MultipartParser}, the reader of {@code multipart/x-mixed-replace} streams: bytes
 * that break the format fail with an IOException (the closing delimiter with an EOFException),
 * nothing else; each part's body is exactly its Content-Length; and where the reads split the
 * stream changes nothing it reports.
 */
class MultipartFuzzTest {
    private static final List<String> BOUNDARIES = List.of("frame", "boundarydonotcross", "--myboundary", "b", " ");

    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) {
        // The boundary comes from a camera's Content-Type; these are common ones and odd ones.
        String boundary = data.pickValue(BOUNDARIES);
        boolean keepHeaders = data.consumeBoolean();
        List<ByteBuffer> chunks = Chunks.cut(data);

        Events chunked = new Events();
        Events whole = new Events();
        feed(boundary, keepHeaders, chunks, chunked);
        feed(boundary, keepHeaders, List.of(ByteBuffer.wrap(Chunks.joined(chunks))), whole);
        assertThat(chunked.log).as("events read in chunks vs at once").isEqualTo(whole.log);
    }

    private static void feed(String boundary, boolean keepHeaders, List<ByteBuffer> chunks, Events events) {
        if (!Chunks.feed(new MultipartParser(boundary, keepHeaders, events), chunks)) {
            events.log.add("failed");
        }
    }

    /** What the parser reported, with the part bodies' lengths checked against their Content-Length. */
    private static final class Events implements MultipartParser.Listener {
        final List<String> log = new ArrayList<>();
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private boolean inPart;
        private String declaredLength;

        @Override
        public void partStarted(Map<String, String> headers) {
            assertThat(inPart).as("a part started inside another").isFalse();
            inPart = true;
            body.reset();
            declaredLength = headers.get("content-length");
            log.add("part " + headers);
        }

        @Override
        public void partBody(ByteBuffer data) {
            assertThat(inPart).as("body bytes outside a part").isTrue();
            assertThat(data.hasRemaining()).isTrue();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            body.writeBytes(bytes);
        }

        @Override
        public void partEnded() {
            assertThat(inPart).as("a part ended that never started").isTrue();
            inPart = false;
            if (declaredLength != null) {
                assertThat((long) body.size()).as("body of a part with Content-Length: " + declaredLength)
                        .isEqualTo(Long.parseLong(declaredLength.trim()));
            }
            log.add("body " + java.util.HexFormat.of().formatHex(body.toByteArray()));
        }

        @Override
        public void delimiter() {
            log.add("delimiter");
        }
    }
}
