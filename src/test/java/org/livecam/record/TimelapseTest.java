package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a timelapse can be made says whether its program can be found. */
class TimelapseTest {
    @Test
    void aMissingProgramIsNotAvailable() {
        assertThat(new Timelapse("no-such-ffmpeg-anywhere").available()).isFalse();
        assertThat(new Timelapse("/nonexistent/bin/ffmpeg").available()).isFalse();
    }

    @Test
    void ffmpegOnThePathIsAvailable() {
        assertThat(new Timelapse("ffmpeg").available()).as("scripts/test installs ffmpeg").isTrue();
    }
}
