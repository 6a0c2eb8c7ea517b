package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the command line prints for a mistake, for --version and in its help texts. */
class UsageErrorTest {
    @Test
    void aBadOptionIsItsMessageAndWhereHelpIsNotTheWholeUsage() {
        Printed printed = run("serve", "--prot", "9000");

        assertThat(printed.status).isEqualTo(2);
        assertThat(printed.err).doesNotContain("Usage:");
        assertThat(printed.err.lines().toList()).first().asString().contains("Unknown option", "'--prot'");
        assertThat(printed.err.lines().toList()).last().isEqualTo("Try 'livecam serve --help' for more information.");
        assertThat(printed.err.lines().count()).isLessThanOrEqualTo(4);
    }

    @Test
    void aBadValueIsTwoLines() {
        Printed printed = run("serve", "--port", "eighty");

        assertThat(printed.status).isEqualTo(2);
        assertThat(printed.err.lines()).containsExactly("Invalid value for option '--port': 'eighty' is not an int",
                "Try 'livecam serve --help' for more information.");
    }

    @Test
    void aMissingOptionOfPushPointsAtPushHelp() {
        Printed printed = run("push", "test:");

        assertThat(printed.status).isEqualTo(2);
        assertThat(printed.err.lines().toList()).hasSize(2).last().isEqualTo("Try 'livecam push --help' for more information.");
    }

    @Test
    void versionIsTheBuildsVersionAndCommit() {
        Printed printed = run("--version");

        assertThat(printed.status).isZero();
        assertThat(printed.out.trim()).doesNotContain("development build")
                .matches("livecam \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown)\\)");
    }

    @Test
    void helpTextsKeepEachUrlAndSourceSpecOnOneLine() {
        String help = String.join("\n", run("serve", "--help").out, run("push", "--help").out, run("bench", "--help").out);

        assertThat(help).contains("rtsp://cam/stream", "test:?size=1280x720&fps=15", "http://myserver:8080",
                "/cameras/{id}/stream.mjpg");
        Pattern brokenInside = Pattern.compile("((https?|rtsp|test|exec|dir):\\??|[/&=])\\n\\s+[/\\w]");
        assertThat(brokenInside.matcher(help).results().map(m -> m.group()).toList()).as("lines broken inside a URL").isEmpty();
        assertThat(help).as("help never cites the tracker").doesNotContainPattern("(?i)\\bissue\\b");
    }

    private record Printed(int status, String out, String err) {
    }

    private static Printed run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Printed(status, out.toString(), err.toString());
    }
}
