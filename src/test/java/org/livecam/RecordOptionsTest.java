package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import picocli.CommandLine;

/** serve's --record options and the config file's per-camera {@code record:} keys. */
class RecordOptionsTest {
    @TempDir
    Path dir;

    private RecordConfig record(String yaml, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve"));
        if (yaml != null) {
            Path file = dir.resolve("livecam.yml");
            Files.writeString(file, yaml);
            args.addAll(List.of("--config", file.toString()));
        }
        args.addAll(List.of(flags));
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args.toArray(String[]::new));
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config().record();
    }

    @Test
    void nothingIsRecordedByDefault() throws Exception {
        RecordConfig record = record(null);
        assertThat(record.enabled()).isFalse();
        assertThat(record.defaults()).isEqualTo(new RecordPolicy(Duration.ofSeconds(1), Duration.ofDays(7), 0));
        assertThat(record.minFree(100L << 30)).as("1GB of a large disk").isEqualTo(1L << 30);
        assertThat(record.minFree(2L << 30)).as("5% of a small one").isEqualTo((2L << 30) / 20);
    }

    @Test
    void flagsSetWhatIsRecordedAndHow() throws Exception {
        RecordConfig record = record(null, "--record", "door", "--record", "yard", "--record-every", "0s",
                "--record-keep", "2d", "--record-max-bytes", "20GB", "--record-min-free", "500MB");
        assertThat(record.records("door")).isTrue();
        assertThat(record.records("garage")).isFalse();
        assertThat(record.policy("yard")).isEqualTo(new RecordPolicy(Duration.ZERO, Duration.ofDays(2), 20L << 30));
        assertThat(record.minFree(1L << 40)).isEqualTo(500L << 20);
        assertThat(record(null, "--record", "*").records("anything")).isTrue();
    }

    @Test
    void aFileCameraWithRecordKeysIsRecordedWithThem() throws Exception {
        RecordConfig record = record("""
                record-keep: 3d
                cameras:
                  door:
                    source: "test:?size=320x240"
                    record: {every: 10s, max_bytes: 500MB}
                  shed: "dir:/tmp"
                """);
        assertThat(record.records("door")).isTrue();
        assertThat(record.records("shed")).isFalse();
        assertThat(record.policy("door")).isEqualTo(new RecordPolicy(Duration.ofSeconds(10), Duration.ofDays(3), 500L << 20));
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhy() {
        assertThatThrownBy(() -> record(null, "--record", "Bad Id")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--record Bad Id");
        assertThatThrownBy(() -> record(null, "--record-max-bytes", "lots")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not a size");
        assertThatThrownBy(() -> record("""
                cameras:
                  door:
                    source: "test:"
                    record: {every: 10s, forever: yes}
                """)).isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("line 4").hasMessageContaining("forever");
    }
}
