package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
        assertThat(config.cameras()).extracting(CameraConfig::id).as("no demo").doesNotContain("demo");
        assertThat(config.http().snapshotWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.cameras()).containsExactly(
                new CameraConfig("door", "exec:ffmpeg -f lavfi -i testsrc2 -f mjpeg -", true, Duration.ofSeconds(3)),
                new CameraConfig("garden", "test:?size=320x240", false, Duration.ofSeconds(20)),
                new CameraConfig("shed", "dir:/tmp", false, Duration.ofSeconds(20)));
    }

    @Test
    void fileValuesAreConvertedAsTheFlagsAreAndTakenLiterally() throws Exception {
        ServerConfig config = config("""
                token: "a${env:HOME}b"
                variant-widths: 200,400
                persist-interval: 250ms
                demo-camera: pattern
                demo-fps: 2.5
                """);
        assertThat(config.http().token()).isEqualTo("a${env:HOME}b");
        assertThat(config.http().variantWidths()).containsExactly(200, 400);
        assertThat(config.persistInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.cameras()).extracting(CameraConfig::id, CameraConfig::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pattern", "test:?size=1280x720&fps=2.5"));
    }

    @Test
    void withoutATokenInTheFileTheEnvironmentOrARandomOneFills() throws Exception {
        String token = config("port: 9001\n").http().token();
        String fromEnvironment = System.getenv("LIVECAM_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            assertThat(token).isEqualTo(fromEnvironment);
        } else {
            assertThat(token).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(config("port: 9001\n").http().token());
        }
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> config("token: t\nprot: 8080\n"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("line 2").hasMessageContaining("unknown key 'prot'").hasMessageContaining("port");
    }

    @Test
    void badValueIsNamedWithItsLine() throws Exception {
        assertThat(usageError("token: t\n\nport: eighty\n"))
                .contains("line 3").contains("port").contains("eighty");
        assertThat(usageError("token: t\nno-demo: yes\n"))
                .contains("line 2").contains("no-demo").contains("yes");
        assertThatThrownBy(() -> config("token: t\ncameras:\n  door:\n    source: \"test:\"\n    idle-timeout: soon\n"))
                .hasMessageContaining("line 5").hasMessageContaining("idle-timeout");
    }

    @Test
    @Timeout(30) // if the bad source were taken, serve would run until stopped
    void badSourceSpecStopsTheStart() throws Exception {
        assertThat(usageError("token: t\ncameras:\n  door: rtsp://cam/stream\n", "--data", dir.resolve("data").toString(),
                "--port", "0", "--bind", "127.0.0.1"))
                .contains("camera door").contains("unknown source");
        assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
        assertThatThrownBy(() -> config("token: t\n", "--camera", "nope"))
                .hasMessageContaining("ID=SPEC");
    }

    /** Runs {@code serve} as {@code main} does and returns what it printed for a usage error. */
    private String usageError(String yaml, String... flags) throws Exception {
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, yaml);
        List<String> args = new ArrayList<>(List.of("serve", "--config", file.toString()));
        args.addAll(List.of(flags));
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args.toArray(String[]::new))).as("exit status of a usage error").isEqualTo(2);
        return err.toString();
    }

    @Test
    void aMissingConfigFileOrAFolderSaysSoInOneLine() throws Exception {
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> Livecam.commandLine().parseArgs("serve", "--config", missing.toString()))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage("cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> Livecam.commandLine().parseArgs("serve", "--config", dir.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("cannot read " + dir + ": it is a folder; --config takes a YAML file");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> config("token: t\ncameras: [door\n"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("line");
    }
}
