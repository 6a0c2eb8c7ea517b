package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve --stale-after: the longest silence before a camera counts as stale, from a flag or the file. */
class StaleAfterOptionTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToTenSeconds() {
        assertThat(config("serve").http().staleAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void comesFromTheFlagOrTheConfigFile() throws Exception {
        assertThat(config("serve", "--stale-after", "1500ms").http().staleAfter()).isEqualTo(Duration.ofMillis(1500));
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, "stale-after: 1m\n");
        assertThat(config("serve", "--config", file.toString()).http().staleAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void zeroIsAUsageError() {
        assertThatThrownBy(() -> config("serve", "--stale-after", "0s"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("stale-after");
    }

    private static ServerConfig config(String... args) {
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args);
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config();
    }
}
