package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Jpeg;
import org.livecam.testing.TestJpegs;

class FrameStampTest {
    @Test
    void aStampedFrameIsStillTheSameJpegAndGivesItsStampBack() throws Exception {
        byte[] frame = FrameStamp.withRoom(TestJpegs.solid(320, 240, Color.RED));
        FrameStamp.stamp(frame, 123_456_789L, 42);

        assertThat(Jpeg.inspect(ByteBuffer.wrap(frame))).isEqualTo(new Jpeg.Size(320, 240));
        BufferedImage image = TestJpegs.decode(frame);
        assertThat(new Color(image.getRGB(160, 120)).getRed()).isGreaterThan(200);
        assertThat(FrameStamp.read(frame, FrameStamp.PREFIX_BYTES)).isEqualTo(new FrameStamp.Mark(123_456_789L, 42));
    }

    @Test
    void aFrameWithoutAStampGivesNone() {
        byte[] plain = TestJpegs.solid(64, 64, Color.BLUE);
        assertThat(FrameStamp.read(plain, FrameStamp.PREFIX_BYTES)).isNull();
        assertThat(FrameStamp.read(plain, 3)).isNull();
    }

    @Test
    void benchFramesAreDistinctRealJpegsOfTheAskedSize() throws Exception {
        BenchFrames frames = BenchFrames.make(640, 360, 3, 0.8f);
        assertThat(frames.get(0)).isNotEqualTo(frames.get(1));
        assertThat(frames.get(3)).isSameAs(frames.get(0));
        assertThat(Jpeg.inspect(ByteBuffer.wrap(frames.get(2)))).isEqualTo(new Jpeg.Size(640, 360));
        assertThat(TestJpegs.decode(frames.get(1)).getWidth()).isEqualTo(640);
    }
}
