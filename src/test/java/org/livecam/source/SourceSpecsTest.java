package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSpecsTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void eachSchemeGivesItsSource() {
        assertThat(SourceSpecs.parse("test:?size=320x240&fps=5", CLOCK)).isInstanceOf(TestPatternSource.class);
        assertThat(SourceSpecs.parse("exec:ffmpeg -f lavfi -i testsrc2 -f mjpeg - #stall=30s", CLOCK)).isInstanceOf(ExecSource.class);
        assertThat(SourceSpecs.parse("http://cam.local/video.mjpg", CLOCK)).isInstanceOf(HttpMjpegSource.class);
        assertThat(SourceSpecs.parse("https://cam.local/snap.jpg#fps=1&stall=20s", CLOCK)).isInstanceOf(HttpMjpegSource.class);
        assertThat(SourceSpecs.parse("dir:/tmp/frames?fps=2&watch=true", CLOCK)).isInstanceOf(DirectorySource.class);
    }

    @Test
    void unknownSchemeSaysWhatIsAllowed() {
        assertThatThrownBy(() -> SourceSpecs.parse("rtsp://cam/stream", CLOCK))
                .hasMessageContaining("unknown source").hasMessageContaining("exec:").hasMessageContaining("dir:");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SourceSpecs.parse("test:?size=big", CLOCK)).hasMessageContaining("size must look like 1280x720");
        assertThatThrownBy(() -> SourceSpecs.parse("test:?fps=fast", CLOCK)).hasMessageContaining("fps must be a number");
        assertThatThrownBy(() -> SourceSpecs.parse("dir:/tmp?speed=2", CLOCK)).hasMessageContaining("no option 'speed'").hasMessageContaining("fps, watch");
        assertThatThrownBy(() -> SourceSpecs.parse("dir:/tmp?watch=maybe", CLOCK)).hasMessageContaining("watch must be true or false");
        assertThatThrownBy(() -> SourceSpecs.parse("http://cam/x#stall=soon", CLOCK)).hasMessageContaining("stall must be a duration");
        assertThatThrownBy(() -> SourceSpecs.parse("exec:", CLOCK)).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> SourceSpecs.parse("exec:ffmpeg 'unclosed", CLOCK)).hasMessageContaining("unclosed '");
    }

    @Test
    void credentialsNeverShowInDescriptions() {
        FrameSource http = SourceSpecs.parse("http://admin:hunter2@cam.local:8081/video.cgi?user=admin&pwd=hunter2", CLOCK);
        assertThat(http.describe()).doesNotContain("hunter2").contains("cam.local:8081/video.cgi");
        FrameSource exec = SourceSpecs.parse("exec:ffmpeg -i rtsp://admin:hunter2@cam/stream -f mjpeg -", CLOCK);
        assertThat(exec.describe()).doesNotContain("hunter2").contains("rtsp://***@cam/stream");
        assertThatThrownBy(() -> SourceSpecs.parse("rtsp://admin:hunter2@cam/", CLOCK)).message().doesNotContain("hunter2");
        assertThat(SourceSpecs.parse("http://u:p@[::1]:8080/a%20b/snap.cgi?text=x%26y&n=1#fps=1", CLOCK).describe())
                .isEqualTo("http://[::1]:8080/a%20b/snap.cgi?text=x%26y&n=1");
    }

    @Test
    void commandsSplitLikeAShell() {
        assertThat(ShellWords.split("gst-launch-1.0 -q videotestsrc ! 'video/x-raw,width=320' ! fdsink").words())
                .containsExactly("gst-launch-1.0", "-q", "videotestsrc", "!", "video/x-raw,width=320", "!", "fdsink");
        assertThat(ShellWords.split("sh -c \"echo \\\"hi there\\\"\" a\\ b").words()).containsExactly("sh", "-c", "echo \"hi there\"", "a b");
        ShellWords.Parsed parsed = ShellWords.split("ffmpeg -vf 'drawtext=text=#1' - #stall=5s");
        assertThat(parsed.words()).isEqualTo(List.of("ffmpeg", "-vf", "drawtext=text=#1", "-"));
        assertThat(parsed.options()).isEqualTo("stall=5s");
    }
}
