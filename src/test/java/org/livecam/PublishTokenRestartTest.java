package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.PublishToken;
import org.livecam.testing.TestJpegs;

/**
 * {@code livecam serve} as its own process, as a user starts it: the publish token made at the first
 * start is kept in the data folder and still publishes after a restart.
 */
@Timeout(120)
class PublishTokenRestartTest {
    private static final Pattern SERVING = Pattern.compile("livecam is serving on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern MADE = Pattern.compile("^No --token given\\. Made a publish token and kept it in (.+): (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void theTokenMadeAtTheFirstStartPublishesAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Started first = start(data);
        Matcher made = first.lines.stream().map(MADE::matcher).filter(Matcher::matches).findFirst().orElseThrow(
                () -> new AssertionError("no token printed at the first start: " + first.lines));
        String token = made.group(2);
        assertThat(first.lines).anyMatch(line -> line.contains("curl -H 'Authorization: Bearer " + token + "'"));
        Path file = data.resolve(PublishToken.FILE_NAME);
        assertThat(Path.of(made.group(1))).isEqualTo(file);
        assertThat(Files.readString(file).trim()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        first.stop();

        Started second = start(data);
        try {
            assertThat(String.join("\n", second.lines)).as("the token is not printed again").doesNotContain(token)
                    .contains("kept in " + file, "cat " + file);
            assertThat(publish(second.port, token)).isEqualTo(200);
            assertThat(publish(second.port, "wrong")).isEqualTo(401);
        } finally {
            second.stop();
        }
    }

    @Test
    void logLinesStartWithAnIsoDateTime() throws Exception {
        Started server = start(dir.resolve("data"), "--token", "given");
        server.stop();
        String serving = server.lines.stream().filter(line -> SERVING.matcher(line).find()).findFirst().orElseThrow();

        assertThat(serving).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO .*");
        assertThat(dir.resolve("data").resolve(PublishToken.FILE_NAME)).as("a given token is never written").doesNotExist();
        assertThat(String.join("\n", server.lines)).doesNotContain("given");
    }

    private static int publish(int port, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cameras/door/frame"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.RED)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A server process and what it printed until it said it is serving. */
    private record Started(Process process, int port, List<String> lines) {
        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        }
    }

    private static Started start(Path data, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Livecam.class.getName(),
                "serve", "--no-demo", "--bind", "127.0.0.1", "--port", "0", "--data", data.toString()));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LIVECAM_TOKEN");
        builder.environment().remove("LIVECAM_LOG_LEVEL");
        Process process = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                return new Started(process, Integer.parseInt(serving.group(1)), lines);
            }
        }
        throw new AssertionError("the server exited (" + process.waitFor() + ") without serving: " + lines);
    }
}
