package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.ServeProcess;
import picocli.CommandLine;

/**
 * {@code bench --soak} against a real server in its own process (so its threads and open files are
 * the server's alone), for 20 s with a line every 5 s: the lines carry the server's figures and the
 * churn, and the verdict judges every figure and agrees with the exit status.
 */
class SoakCommandTest {
    // elapsed rss_MB direct_MB files threads cpu% load viewers joined left failed published received cameras
    private static final Pattern LINE = Pattern.compile(
            "\\s*(\\d+s)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)/(\\d+)\\s*");

    @Test
    void shortChurningSoakPrintsTheServersFiguresAndJudgesThem(@TempDir Path data) throws Exception {
        try (ServeProcess server = ServeProcess.start(data)) {
            StringWriter printed = new StringWriter();
            CommandLine livecam = Livecam.commandLine();
            livecam.setOut(new PrintWriter(printed, true));
            int exit = livecam.execute("bench", "--server", "http://127.0.0.1:" + server.port(), "--token", ServeProcess.TOKEN,
                    "--server-pid", Long.toString(server.process().pid()),
                    "--soak", "20s", "--soak-interval", "5s", "--soak-warmup", "5s", "--churn",
                    "--cameras", "2", "--viewers", "8", "--fps", "10", "--size", "320x240", "--frames", "3");

            String output = printed.toString();
            List<Matcher> lines = output.lines().map(LINE::matcher).filter(Matcher::matches).toList();
            assertThat(lines).as(output).hasSize(4);
            assertThat(lines.stream().map(m -> m.group(1)).toList()).containsExactly("5s", "10s", "15s", "20s");
            Matcher last = lines.get(3);
            assertThat(Double.parseDouble(last.group(2))).as("RSS MB").isGreaterThan(10);
            assertThat(Double.parseDouble(last.group(3))).as("direct MB").isGreaterThan(0);
            assertThat(Long.parseLong(last.group(4))).as("open files").isGreaterThan(10);
            assertThat(Long.parseLong(last.group(5))).as("threads").isGreaterThan(5);
            assertThat(Long.parseLong(last.group(9))).as("joined").isGreaterThan(8); // viewers stay at most 5 s: some came back
            assertThat(Long.parseLong(last.group(10))).as("left").isGreaterThan(0);
            assertThat(Long.parseLong(last.group(12))).as("frames published").isGreaterThan(100);
            assertThat(Long.parseLong(last.group(13))).as("frames received").isGreaterThan(0);
            // A camera just started counts once the server has its first frame.
            assertThat(Long.parseLong(last.group(14))).as("cameras live").isBetween(1L, 2L);
            assertThat(Long.parseLong(last.group(15))).as("cameras made: each lives 5 to 10 s").isGreaterThan(2);

            Soak soak = ((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).soakRun();
            assertThat(soak.verdicts()).hasSize(4).allMatch(GrowthRule.Verdict::judged);
            boolean grew = soak.verdicts().stream().anyMatch(GrowthRule.Verdict::grew);
            assertThat(output).contains("Verdict on 4 samples from 5s on:");
            assertThat(output.lines().filter(l -> l.endsWith(": flat") || l.endsWith(": GREW"))).hasSize(4);
            assertThat(exit).as(output).isEqualTo(grew ? 1 : 0);
            assertThat(output).contains(grew ? "Soak FAILED: " : "Soak passed: nothing kept growing after warm-up");
        }
    }

    @Test
    void soakWithoutTheServersPidIsRefused() {
        StringWriter errors = new StringWriter();
        CommandLine livecam = Livecam.commandLine();
        livecam.setErr(new PrintWriter(errors, true));
        int exit = livecam.execute("bench", "--server", "http://127.0.0.1:1", "--token", "t", "--soak", "20s");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).contains("--soak needs --server-pid");
    }
}
