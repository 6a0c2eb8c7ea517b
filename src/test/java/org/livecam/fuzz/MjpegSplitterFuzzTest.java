package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livecam.source.MjpegSplitter;

/**
 * {@code source.MjpegSplitter}, which cuts what exec and HTTP pull sources read into frames:
 * every frame it emits starts with FF D8, ends with FF D9 and is within its size limit, and
 * where the reads split the stream changes nothing it emits.
 */
class MjpegSplitterFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void split(FuzzedDataProvider data) {
        int maxFrameBytes = data.consumeInt(1024, 8192);
        List<ByteBuffer> chunks = Chunks.cut(data);

        List<byte[]> chunked = new ArrayList<>();
        MjpegSplitter splitter = new MjpegSplitter(maxFrameBytes);
        for (ByteBuffer chunk : chunks) {
            splitter.feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining(), jpeg -> chunked.add(copy(jpeg)));
        }
        for (byte[] frame : chunked) {
            assertThat(frame.length).as("frame length").isBetween(4, maxFrameBytes);
            assertThat(frame[0] & 0xFF).isEqualTo(0xFF);
            assertThat(frame[1] & 0xFF).isEqualTo(0xD8);
            assertThat(frame[frame.length - 2] & 0xFF).isEqualTo(0xFF);
            assertThat(frame[frame.length - 1] & 0xFF).isEqualTo(0xD9);
        }
        assertThat(splitter.framesEmitted()).isEqualTo(chunked.size());

        List<byte[]> whole = new ArrayList<>();
        new MjpegSplitter(maxFrameBytes).feed(Chunks.joined(chunks), jpeg -> whole.add(copy(jpeg)));
        assertThat(whole).as("the frames of the stream read at once").hasSameSizeAs(chunked);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(Arrays.equals(whole.get(i), chunked.get(i))).as("frame %d read at once and in chunks", i).isTrue();
        }
    }

    private static byte[] copy(ByteBuffer jpeg) {
        byte[] bytes = new byte[jpeg.remaining()];
        jpeg.duplicate().get(bytes);
        return bytes;
    }
}
