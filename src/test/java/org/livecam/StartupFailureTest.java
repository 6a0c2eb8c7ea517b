package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code livecam serve} that cannot start: one line on stderr, exit status 1, no stack trace, no token. */
@Timeout(60)
class StartupFailureTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsOneLineThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = serve("--bind", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--data", dir.resolve("data").toString());

            assertThat(run.status).isEqualTo(1);
            assertThat(run.err.lines()).containsExactly("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use; is another livecam running? choose another --port");
            assertThat(run.out).as("no token before the server is up").doesNotContain("token");
            assertThat(dir.resolve("data/publish-token")).as("an unseen token is not kept").doesNotExist();
        }
    }

    @Test
    void aDataFolderThatIsAFileIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        Run run = serve("--port", "0", "--data", file.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.lines()).containsExactly("--data " + file + " is a file, not a folder; choose a folder for livecam's data");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aDataFolderThatCannotBeMadeIsOneLine() throws Exception {
        Path under = Files.writeString(dir.resolve("file"), "x").resolve("data");
        Run run = serve("--port", "0", "--data", under.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.lines()).containsExactly("cannot create the data folder " + under + ": not a directory; choose another --data");
    }

    @Test
    void aReadOnlyDataFolderIsOneLine() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        Assumptions.assumeFalse(Files.isWritable(readOnly), "this user (root?) writes into read-only folders");
        Run run = serve("--port", "0", "--data", readOnly.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.lines()).containsExactly("the data folder " + readOnly + " is not writable; fix its permissions or choose another --data");
    }

    private record Run(int status, String out, String err) {
    }

    /** Runs {@code serve} through the command line {@code main} uses, catching what it prints. */
    private static Run serve(String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "serve";
        args[1] = "--no-demo";
        System.arraycopy(flags, 0, args, 2, flags.length);
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err, true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int status = cli.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(console);
        }
    }
}
