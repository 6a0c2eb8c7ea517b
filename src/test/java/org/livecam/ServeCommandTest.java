package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.livecam.config.CameraConfig;
import org.livecam.http.HttpConfig;
import picocli.CommandLine;

/** {@code livecam serve}: its help text and the settings it builds from the command line. */
class ServeCommandTest {
    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setOut(new PrintWriter(out));
        int status = cli.execute("serve", "--help");
        String help = out.toString();

        assertThat(status).isZero();
        assertThat(help).contains("Usage: livecam serve");
        assertOption(help, "--port", "8080");
        assertOption(help, "--bind", "0.0.0.0");
        assertOption(help, "--data", "./data");
        assertOption(help, "--default-camera", "live");
        assertOption(help, "--max-frame-bytes", "10485760");
        assertThat(entries(help).get("--token")).contains("LIVECAM_TOKEN", "random token");
        assertThat(entries(help).get("--password")).contains("LIVECAM_PASSWORD", "PASSWORD", "Default: off");
        assertThat(entries(help)).containsKey("--no-demo");
        entries(help).forEach((option, entry) -> {
            if (!java.util.Set.of("--help", "--version", "--no-demo", "--token", "--config", "--camera").contains(option)) {
                assertThat(entry).as("help of %s states its default", option).contains("Default: ");
            }
        });
    }

    @Test
    void defaultsAreTheOnesTheIssueAsksFor() {
        ServerConfig config = configFrom("--token", "t0ken");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().bind()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.http().defaultCamera()).isEqualTo("live");
        assertThat(config.http().maxFrameBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(config.cameras()).containsExactly(
                CameraConfig.onDemand("demo", "test:?size=1280x720&fps=15", Duration.ofSeconds(10)));
        assertThat(config.http().token()).isEqualTo("t0ken");
    }

    @Test
    void theCommandsDefaultsAreThoseOfTheConfigRecords() {
        ServerConfig config = configFrom("--token", "t0ken", "--no-demo");
        assertThat(config.http().withPassword(null)).isEqualTo(HttpConfig.defaults("t0ken"));
        assertThat(config.withHttp(h -> h.withPassword(null)))
                .isEqualTo(ServerConfig.of(HttpConfig.defaults("t0ken"), Path.of("./data")));
    }

    @Test
    void theDemoIsAnOrdinaryCameraBuiltFromItsOptions() {
        ServerConfig config = configFrom("--token", "x", "--demo-camera", "pattern", "--demo-size", "320x240", "--demo-fps", "7.5",
                "--camera", "door=dir:/tmp");
        assertThat(config.cameras()).containsExactly(
                CameraConfig.onDemand("door", "dir:/tmp", Duration.ofSeconds(10)),
                CameraConfig.onDemand("pattern", "test:?size=320x240&fps=7.5", Duration.ofSeconds(10)));
    }

    @Test
    void theDemoStopsAfterTheIdleTimeoutLikeEveryPulledCamera() {
        ServerConfig config = configFrom("--token", "x", "--idle-timeout", "3s");
        assertThat(config.cameras()).containsExactly(CameraConfig.onDemand("demo", "test:?size=1280x720&fps=15", Duration.ofSeconds(3)));
    }

    @Test
    void aConfiguredCameraWithTheDemosIdWins() {
        ServerConfig config = configFrom("--token", "x", "--camera", "demo=dir:/tmp", "--idle-timeout", "30s");
        assertThat(config.cameras()).containsExactly(CameraConfig.onDemand("demo", "dir:/tmp", Duration.ofSeconds(30)));
    }

    @Test
    void aBadDemoSizeOrRateIsAUsageError() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> configFrom("--token", "x", "--demo-size", "big")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--demo-size must look like 1280x720");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> configFrom("--token", "x", "--demo-fps", "0")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--demo-fps");
    }

    @Test
    void optionsOverrideTheDefaults() {
        ServerConfig config = configFrom("--token", "abc", "--port", "9000", "--bind", "127.0.0.1", "--data", "/tmp/cams",
                "--password", "pw", "--default-camera", "porch", "--no-demo", "--max-frame-bytes", "2048",
                "--snapshot-wait", "500ms");
        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/cams"));
        assertThat(config.http().password()).isEqualTo("pw");
        assertThat(config.http().defaultCamera()).isEqualTo("porch");
        assertThat(config.cameras()).as("no demo").isEmpty();
        assertThat(config.http().maxFrameBytes()).isEqualTo(2048);
        assertThat(config.http().snapshotWait()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void withoutATokenARandomOneIsMadeSoIngestIsNeverOpen() {
        assumeNoTokenInEnvironment();
        String first = configFrom().http().token();
        String second = configFrom().http().token();
        assertThat(first).hasSizeGreaterThanOrEqualTo(16);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aZeroOrNegativeDurationIsAUsageErrorNotAServerThatFailsLater() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> configFrom("--token", "x", "--snapshot-wait", "0")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("snapshot wait must be above zero");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> configFrom("--token", "x", "--persist-interval", "0s")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("persist interval must be above zero");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> configFrom("--token", "x", "--snapshot-wait", "-5s")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("negative");
    }

    @Test
    void anInvalidDefaultCameraIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err));
        CommandLine serve = cli.getSubcommands().get("serve");
        cli.parseArgs("serve", "--token", "x", "--default-camera", "Not Valid");
        ServeCommand command = serve.getCommand();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(command::config))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("camera ids");
    }

    private static ServerConfig configFrom(String... args) {
        CommandLine cli = Livecam.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        cli.parseArgs(all);
        ServeCommand command = cli.getSubcommands().get("serve").getCommand();
        return command.config();
    }

    private static void assertOption(String help, String option, String defaultValue) {
        assertThat(entries(help)).as("options in the help").containsKey(option);
        assertThat(entries(help).get(option)).as("help of %s", option).contains("Default: " + defaultValue);
    }

    /** Each option's entry in the help text (its line and the description lines under it), by name. */
    private static java.util.Map<String, String> entries(String help) {
        java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern start = java.util.regex.Pattern.compile("^ {2,6}(?:-\\w, )?(--[a-z-]+)");
        String current = null;
        for (String line : help.lines().toList()) {
            java.util.regex.Matcher m = start.matcher(line);
            if (m.find()) {
                current = m.group(1);
                entries.put(current, line);
            } else if (current != null && line.startsWith(" ")) {
                entries.merge(current, "\n" + line.trim(), String::concat);
            }
        }
        return entries;
    }

    private static void assumeNoTokenInEnvironment() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("LIVECAM_TOKEN") == null, "LIVECAM_TOKEN is set");
    }
}
