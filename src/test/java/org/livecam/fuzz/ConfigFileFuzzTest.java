package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.livecam.ServeArgs;
import org.livecam.ServerConfig;
import picocli.CommandLine;

/**
 * The YAML configuration file as {@code livecam serve --config FILE} reads it ({@code config.ConfigFile}
 * through picocli's defaults, then every setting checked as the server's settings): a file is
 * settings, or a usage error (picocli's ParameterException) with a message, nothing else.
 */
class ConfigFileFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void makeFile() throws IOException {
        dir = Files.createTempDirectory("livecam-config-fuzz");
        file = dir.resolve("livecam.yml");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void serveConfig(byte[] yaml) throws IOException {
        Files.write(file, yaml);
        ServerConfig config;
        try {
            config = ServeArgs.parse("serve", "--config", file.toString(), "--data", dir.resolve("data").toString());
        } catch (CommandLine.ParameterException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(config.http().port()).isBetween(0, 65535);
        assertThat(config.cameras()).doesNotContainNull();
    }
}
