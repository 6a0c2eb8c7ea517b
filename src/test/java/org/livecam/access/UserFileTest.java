package org.livecam.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.config.StartupException;
import org.livecam.testing.Await;
import org.livecam.testing.Htpasswd;
import picocli.CommandLine;

/** The users file as Apache's htpasswd writes it and as {@code livecam users add} writes it. */
class UserFileTest {
    @TempDir
    Path dir;

    @Test
    void acceptsThePasswordsApacheHtpasswdWrote() throws Exception {
        Path file = dir.resolve("users");
        Htpasswd.add(file, "alice", "wonderland", 10);
        Htpasswd.add(file, "bob", "builder", 6);
        assertThat(Files.readString(file)).contains("alice:$2y$");

        UserFile users = UserFile.open(file);

        assertThat(users.verify("alice", "wonderland")).isTrue();
        assertThat(users.verify("bob", "builder")).isTrue();
        assertThat(users.verify("alice", "builder")).isFalse();
        assertThat(users.verify("carol", "wonderland")).isFalse();
    }

    @Test
    void readsA2aAnd2bHashesAndSkipsOtherHashesWithAWarning() throws Exception {
        String a = Bcrypt.hash("pw".toCharArray()).replace("$2y$", "$2a$");
        String b = Bcrypt.hash("pw".toCharArray()).replace("$2y$", "$2b$");
        Path file = dir.resolve("users");
        Files.writeString(file, "# comment\n\nann:" + a + "\nben:" + b + "\nmd5:$apr1$abc$def\n");

        UserFile users = UserFile.open(file);

        assertThat(users.size()).isEqualTo(2);
        assertThat(users.verify("ann", "pw")).isTrue();
        assertThat(users.verify("ben", "pw")).isTrue();
        assertThat(users.verify("md5", "anything")).isFalse();
    }

    @Test
    void aMissingOrMalformedFileIsAClearStartupError() throws Exception {
        assertThatThrownBy(() -> UserFile.open(dir.resolve("nope"))).isInstanceOf(StartupException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("livecam users add");
        Path file = dir.resolve("bad");
        Files.writeString(file, "alice\n");
        assertThatThrownBy(() -> UserFile.open(file)).isInstanceOf(StartupException.class).hasMessageContaining("line 1");
    }

    @Test
    void usersAddWritesALineHtpasswdAcceptsAndUpdatesIt() throws Exception {
        Path file = dir.resolve("users.htpasswd");
        assertThat(usersAdd(file, "alice", "first password")).isZero();
        assertThat(usersAdd(file, "bob", "bobs password")).isZero();
        assertThat(Files.readString(file)).startsWith("alice:$2y$10$").doesNotContain("first password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd is not installed");
        assertThat(new ProcessBuilder("htpasswd", "-vb", file.toString(), "alice", "first password").start().waitFor()).isZero();

        assertThat(usersAdd(file, "alice", "second password")).isZero();

        UserFile users = UserFile.open(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.verify("alice", "second password")).isTrue();
        assertThat(users.verify("alice", "first password")).isFalse();
        assertThat(users.verify("bob", "bobs password")).isTrue();
    }

    @Test
    void aBadNameOrNoPasswordChangesNothing() throws Exception {
        Path file = dir.resolve("users.htpasswd");
        assertThat(usersAdd(file, "al:ice", "pw")).isEqualTo(2);
        assertThat(usersAdd(file, "alice", "")).isEqualTo(1);
        assertThat(file).doesNotExist();
    }

    @Test
    void aChangedFileIsReadAgainWithoutARestart() throws Exception {
        Path file = dir.resolve("users");
        Htpasswd.add(file, "alice", "one");
        UserFile users = UserFile.open(file);
        assertThat(users.verify("bob", "two")).isFalse();

        Htpasswd.add(file, "bob", "two");

        Await.until(() -> users.hashOf("bob") != null, Duration.ofSeconds(5), "bob added");
        assertThat(users.verify("bob", "two")).isTrue();
        assertThat(users.verify("alice", "one")).isTrue();
    }

    @Test
    void aFileEmptiedForAMomentIsNotEveryoneRemovedButOneLeftEmptyIs() throws Exception {
        Path file = dir.resolve("users");
        Htpasswd.add(file, "alice", "one");
        UserFile users = UserFile.open(file);

        Files.writeString(file, ""); // as htpasswd or an editor leaves it for a moment, rewriting it in place
        Thread.sleep(1_100); // past the one look a second

        assertThat(users.hashOf("alice")).as("the first look at the empty file").isNotNull();
        Await.until(() -> users.hashOf("alice") == null, Duration.ofSeconds(5), "a file that stays empty believed a look later");
    }

    @Test
    void usersListAndRemoveWorkOnTheFileARunningServerReads() throws Exception {
        Path file = dir.resolve("users.htpasswd");
        assertThat(usersAdd(file, "alice", "one")).isZero();
        assertThat(usersAdd(file, "bob", "two")).isZero();
        UserFile users = UserFile.open(file);
        assertThat(users.verify("bob", "two")).isTrue();
        assertThat(users(file, "list")).isEqualTo(new Ran(0, "alice\nbob\n", ""));

        Ran removed = users(file, "remove", "bob");

        assertThat(removed.status()).isZero();
        assertThat(removed.out()).startsWith("Removed bob from " + file);
        assertThat(users(file, "list").out()).isEqualTo("alice\n");
        assertThat(Files.getPosixFilePermissions(file)).as("still its owner's only").isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Await.until(() -> users.hashOf("bob") == null, Duration.ofSeconds(5), "bob gone for the server");
        assertThat(users.verify("alice", "one")).isTrue();

        assertThat(users(file, "remove", "bob")).isEqualTo(new Ran(1, "", "No user bob in " + file + "; it is unchanged.\n"));
        Path none = dir.resolve("none.htpasswd");
        assertThat(users(none, "list").err()).startsWith("No users file " + none);
        assertThat(users(none, "remove", "alice").status()).isEqualTo(1);
        assertThat(none).doesNotExist();
    }

    private record Ran(int status, String out, String err) {
    }

    private static Ran users(Path file, String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[command.length + 3];
        args[0] = "users";
        System.arraycopy(command, 0, args, 1, command.length);
        args[command.length + 1] = "--users";
        args[command.length + 2] = file.toString();
        int status = cli.execute(args);
        return new Ran(status, out.toString(), err.toString());
    }

    private static int usersAdd(Path file, String name, String password) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
            CommandLine cli = Livecam.commandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            cli.setErr(new PrintWriter(new StringWriter()));
            return cli.execute("users", "add", name, "--users", file.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
