package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import picocli.CommandLine;

/** serve --config and --camera: what wins, and errors that point at the line. */
class ServeCommandConfigTest {
    @TempDir
    Path dir;

    private ServerConfig config(String yaml, String... flags) throws Exception {
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, yaml);
        String[] args = new String[flags.length + 3];
        args[0] = "serve";
        args[1] = "--config";
        args[2] = file.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args);
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config();
    }

    @Test
    void flagsOverrideTheFileAndTheFileOverridesDefaults() throws Exception {
        ServerConfig config = config("""
                port: 9001
                token: from-file
                no-demo: true
                snapshot-wait: 5s
                idle-timeout: 20s
                cameras:
                  door:
                    source: "exec:ffmpeg -f lavfi -i testsrc2 -f mjpeg -"
                    always-on: true
                    idle-timeout: 3s
                  garden: "http://user:pw@192.168.1.20/video.mjpg"
                """, "--port", "9002", "--camera", "garden=test:?size=320x240", "--camera", "shed=dir:/tmp");
        assertThat(config.http().port()).isEqualTo(9002);
        assertThat(config.http().token()).isEqualTo("from-file");
        assertThat(config.demo()).isFalse();
        assertThat(config.http().snapshotWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.cameras()).containsExactly(
                new CameraConfig("door", "exec:ffmpeg -f lavfi -i testsrc2 -f mjpeg -", true, Duration.ofSeconds(3)),
                new CameraConfig("garden", "test:?size=320x240", false, Duration.ofSeconds(20)),
                new CameraConfig("shed", "dir:/tmp", false, Duration.ofSeconds(20)));
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> config("token: t\nprot: 8080\n"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("line 2").hasMessageContaining("unknown key 'prot'").hasMessageContaining("port");
    }

    @Test
    void badValueIsNamedWithItsLine() {
        assertThatThrownBy(() -> config("token: t\n\nport: eighty\n"))
                .hasMessageContaining("line 3").hasMessageContaining("port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> config("token: t\ncameras:\n  door:\n    source: \"test:\"\n    idle-timeout: soon\n"))
                .hasMessageContaining("line 5").hasMessageContaining("idle-timeout");
    }

    @Test
    void badSourceSpecStopsTheStart() {
        assertThatThrownBy(() -> config("token: t\ncameras:\n  door: rtsp://cam/stream\n"))
                .hasMessageContaining("camera door").hasMessageContaining("unknown source");
        assertThatThrownBy(() -> config("token: t\n", "--camera", "nope"))
                .hasMessageContaining("ID=SPEC");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> config("token: t\ncameras: [door\n"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("line");
    }
}
