package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import picocli.CommandLine;

/** A camera's fps in the config file: read with the camera, and a bad one points at its line. */
class CameraFpsConfigTest {
    @TempDir
    Path dir;

    private ServerConfig config(String yaml) throws Exception {
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, yaml);
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs("serve", "--config", file.toString());
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config();
    }

    @Test
    void aCameraTakesItsFpsFromTheFileAndOtherwiseLeavesItToTheSource() throws Exception {
        ServerConfig config = config("""
                token: t
                no-demo: true
                cameras:
                  door:
                    source: "exec:ffmpeg -f lavfi -i testsrc2 -f mjpeg -"
                    fps: 12.5
                  garden: "test:?size=320x240"
                """);
        assertThat(config.cameras()).extracting(CameraConfig::fps).containsExactly(OptionalDouble.of(12.5), OptionalDouble.empty());
    }

    @Test
    void anFpsThatIsNotAPositiveNumberStopsTheStartWithItsLine() {
        assertThatThrownBy(() -> config("token: t\ncameras:\n  door:\n    source: \"test:\"\n    fps: fast\n"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("line 5").hasMessageContaining("fps must be a number above 0");
        assertThatThrownBy(() -> config("token: t\ncameras:\n  door:\n    source: \"test:\"\n    fps: 0\n"))
                .hasMessageContaining("line 5").hasMessageContaining("fps must be a number above 0");
    }
}
