package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * deploy/livecam.yml, the package's /etc/livecam/livecam.yml: it names every option of
 * {@code livecam serve} (so a new option cannot be left out of it), and with every line
 * uncommented it is a config file that serve accepts, values and all.
 */
class DeployedConfigTest {
    private static final Path FILE = Path.of("deploy/livecam.yml");
    /** Not settings a config file holds: the file itself, help, and --camera (the file's cameras: block). */
    private static final List<String> NOT_IN_FILE = List.of("--config", "--help", "--version", "--camera");

    @TempDir
    Path dir;

    @Test
    void everyOptionOfServeIsInTheFileCommentedOut() throws Exception {
        String text = Files.readString(FILE);
        CommandLine serve = Livecam.commandLine().getSubcommands().get("serve");
        for (OptionSpec option : serve.getCommandSpec().options()) {
            String name = option.longestName();
            if (NOT_IN_FILE.contains(name)) {
                continue;
            }
            String key = name.substring(2);
            assertThat(Pattern.compile("(?m)^#" + Pattern.quote(key) + ": ").matcher(text).find())
                    .as("deploy/livecam.yml has a commented '#%s: ' line (every serve option belongs there)", key).isTrue();
        }
        assertThat(text).contains("\n#cameras:\n");
        assertThat(text.lines().filter(line -> !line.isBlank()).allMatch(line -> line.startsWith("#")))
                .as("nothing is set: every setting is at its default").isTrue();
    }

    @Test
    void uncommentedItIsAConfigThatServeAccepts() throws Exception {
        // "# text" is prose; "#key: value" and the indented camera lines are settings.
        String uncommented = Files.readString(FILE).replaceAll("(?m)^#(?! \\S)", "");
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, uncommented);
        CommandLine cli = Livecam.commandLine();
        cli.parseArgs("serve", "--config", file.toString());
        ServerConfig config = ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).config();

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().adminToken()).isEqualTo("change-me");
        assertThat(config.http().trustProxy()).containsExactly("127.0.0.1/32");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/livecam"));
        assertThat(config.cameras()).extracting(c -> c.id()).contains("door", "printer", "demo");
        assertThat(config.cameras().stream().filter(c -> c.id().equals("door")).findFirst().orElseThrow().idleTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }
}
