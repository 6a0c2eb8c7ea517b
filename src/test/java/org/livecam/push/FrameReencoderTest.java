package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.livecam.frame.JpegCodec;
import org.livecam.testing.TestJpegs;

class FrameReencoderTest {
    @Test
    void widthScalesDownKeepingTheAspectRatioAndTheColours() throws Exception {
        byte[] wide = TestJpegs.solid(1280, 720, Color.BLUE);
        byte[] small = new FrameReencoder(320, 0).reencode(wide);
        BufferedImage image = TestJpegs.decode(small);
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(180);
        assertThat(TestJpegs.centre(small).getBlue()).isGreaterThan(200);
        assertThat(small.length).isLessThan(wide.length);
    }

    @Test
    void aFrameNarrowerThanTheWidthIsNeverScaledUp() throws Exception {
        byte[] narrow = TestJpegs.solid(200, 100, Color.RED);
        assertThat(TestJpegs.decode(new FrameReencoder(640, 0).reencode(narrow)).getWidth()).isEqualTo(200);
    }

    @Test
    void lowerQualityAloneKeepsTheSizeAndSpendsFewerBytes() throws Exception {
        byte[] frame = noisy();
        byte[] cheaper = new FrameReencoder(0, 30).reencode(frame);
        assertThat(TestJpegs.decode(cheaper).getWidth()).isEqualTo(320);
        assertThat(cheaper.length).isLessThan(frame.length);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new FrameReencoder(8, 0)).hasMessageContaining("--width");
        assertThatThrownBy(() -> new FrameReencoder(0, 101)).hasMessageContaining("--quality");
    }

    private static byte[] noisy() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random random = new java.util.Random(2);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return JpegCodec.encode(image, 0.95f);
    }
}
