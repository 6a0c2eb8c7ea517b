package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.push;
import static org.livecam.push.PushTesting.serverUrl;

import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** A source that cannot start, or stops later, says why: at start on the command line, later in the stats line. */
class PushSourceProblemsTest {
    @TempDir
    Path data;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    @Timeout(60) // before, a missing folder was retried forever and the command never returned
    void aMissingFolderOrProgramStopsTheCommandAtStartWithOneClearLine() {
        assertThat(run("dir:/nope-" + tag)).contains("SOURCE: no folder /nope-" + tag);
        assertThat(run("exec:no-such-program-" + tag + " -f mjpeg -")).contains("SOURCE: cannot run no-such-program-" + tag + ": not found on PATH");
        assertThat(run("exec:/usr/bin/no-such-program-" + tag)).contains("SOURCE: cannot run /usr/bin/no-such-program-" + tag);
        assertThat(run("http://[cam/video.mjpg")).contains("SOURCE: bad URL");
    }

    @Test
    void aFolderThatDisappearsLaterIsTheLastErrorOfTheStatsLine() throws Exception {
        Path folder = Files.createDirectory(data.resolve("frames"));
        Files.write(folder.resolve("a.jpg"), TestJpegs.solid(160, 120, Color.BLUE));
        try (TestServer server = TestServer.start(data.resolve("server"));
             PushSession session = push("--server", serverUrl(server), "--camera", "shed", "--token", TestServer.TOKEN,
                     "--stats-interval", "0", "dir:" + folder + "?fps=10")) {
            UploadStats stats = session.uploader().stats();
            Await.until(() -> stats.sent() >= 1, Duration.ofSeconds(20), "a frame from the folder is sent");
            Files.delete(folder.resolve("a.jpg"));
            Files.delete(folder);

            Await.until(() -> stats.lastError() != null, Duration.ofSeconds(10), "the source's failure to reach the stats");
            assertThat(stats.lastError()).isEqualTo("source: no folder " + folder);
            assertThat(ProgressLine.format("shed", stats.snapshot(), stats.snapshot())).endsWith("last error: source: no folder " + folder);
        }
    }

    /** Runs {@code livecam push} with {@code source}; asserts the usage-error exit status and returns stderr. */
    private static String run(String source) {
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("push", "--server", "http://127.0.0.1:9", "--camera", "cam", "--token", "t",
                "--stats-interval", "0", source);
        assertThat(status).as("exit status for %s", source).isEqualTo(2);
        return err.toString();
    }
}
