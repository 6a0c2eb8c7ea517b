package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.access.AccessConfig;
import org.livecam.config.AccessRule;
import org.livecam.config.CameraConfig;
import picocli.CommandLine;

/** serve --users, --access and the cameras' access and publish_token keys in livecam.yml. */
class ServeAccessConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutAccessOptionsEveryoneWatchesAsBefore() {
        ServerConfig config = parse("--no-demo");
        assertThat(config.access().usersFile()).isNull();
        assertThat(config.access().restricts()).isFalse();
    }

    @Test
    void adminsComeFromTheFlagOrTheFilesListAndNeedUsers() throws Exception {
        Files.writeString(dir.resolve("users"), "");
        String users = dir.resolve("users").toString();
        assertThat(parse("--no-demo", "--users", users, "--admins", "alice, bob", "--admins", "carol").access().admins())
                .containsExactlyInAnyOrder("alice", "bob", "carol");
        Path file = dir.resolve("admins.yml");
        Files.writeString(file, "users: %s\nadmins: [alice, dave]\nno-demo: true\n".formatted(users));
        assertThat(parse("--config", file.toString()).access().admins()).containsExactlyInAnyOrder("alice", "dave");
        assertThat(parse("--no-demo").access().admins()).isEmpty();
        assertThat(run("serve", "--no-demo", "--admins", "alice")).contains("--admins names users of the users file: give --users FILE too");
    }

    @Test
    void theFileGivesEachCameraItsAccessAndPublishToken() throws Exception {
        Files.writeString(dir.resolve("users"), "");
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, """
                users: %s
                access: private
                no-demo: true
                cameras:
                  door:
                    access: [alice, bob]
                    publish_token: "door-secret"
                  yard:
                    source: "test:?size=320x240"
                    access: public
                  office:
                    access: private
                """.formatted(dir.resolve("users")));
        ServerConfig config = parse("--config", file.toString());
        AccessConfig access = config.access();
        assertThat(access.usersFile()).isEqualTo(dir.resolve("users"));
        assertThat(access.defaultRule()).isEqualTo(AccessRule.PRIVATE);
        assertThat(access.ruleOf("door").users()).isEqualTo(Set.of("alice", "bob"));
        assertThat(access.ruleOf("yard")).isEqualTo(AccessRule.PUBLIC);
        assertThat(access.ruleOf("office")).isEqualTo(AccessRule.PRIVATE);
        assertThat(access.ruleOf("elsewhere")).isEqualTo(AccessRule.PRIVATE);
        assertThat(access.publishTokens()).isEqualTo(Map.of("door", "door-secret"));
        assertThat(access.toString()).doesNotContain("door-secret");
        assertThat(config.cameras()).extracting(CameraConfig::id).as("only yard is pulled").isEqualTo(List.of("yard"));
    }

    @Test
    void privateCamerasWithoutUsersIsAUsageError() {
        assertThat(run("serve", "--access", "private", "--no-demo")).contains("private cameras need users").contains("--users");
        assertThat(run("serve", "--access", "secret", "--no-demo")).contains("access must be public, private");
    }

    @Test
    void aBadAccessInTheFileNamesTheLine() throws Exception {
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, """
                cameras:
                  door:
                    access: friends
                """);
        assertThat(run("serve", "--config", file.toString())).contains("line 3").contains("camera door").contains("access must be");
    }

    private ServerConfig parse(String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "serve";
        System.arraycopy(flags, 0, args, 1, flags.length);
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args);
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config();
    }

    /** Runs the command line and returns what it printed to stderr. */
    private static String run(String... args) {
        CommandLine cli = Livecam.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString();
    }
}
