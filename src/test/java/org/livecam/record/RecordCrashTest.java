package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestServer;

/**
 * kill -9 of a real server process while it records at 30 fps, then a restart on the same data:
 * the archive opens, every frame it serves is one that was published, whole, and at most about
 * the last second of acknowledged frames is missing.
 */
class RecordCrashTest {
    private static final Pattern SERVING = Pattern.compile("livecam is serving on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void killedWhileRecordingTheArchiveOpensWholeMissingAtMostASecond() throws Exception {
        Path data = dir.resolve("data");
        List<byte[]> published = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            published.add(StampedJpegs.number(i));
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Livecam.class.getName(), "serve", "--no-demo",
                "--bind", "127.0.0.1", "--port", "0", "--data", data.toString(), "--token", TestServer.TOKEN,
                "--record", "gate", "--record-every", "0s").redirectErrorStream(true).start();
        int port = portOf(process);
        int acknowledged = 0;
        HttpClient client = HttpClient.newHttpClient();
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.discarding());
        CompletableFuture<Void> kill = null;
        try {
            for (int i = 0; i < published.size(); i++) {
                byte[] jpeg = published.get(i);
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cameras/gate/frame"))
                        .header("Authorization", "Bearer " + TestServer.TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
                acknowledged++;
                if (acknowledged == 60) { // SIGKILL, no shutdown hook, while frames keep coming
                    kill = CompletableFuture.runAsync(process::destroyForcibly);
                }
                Thread.sleep(30);
            }
        } catch (IOException killed) {
            // the server is gone mid-stream, as meant
        }
        assertThat(kill).as("killed").isNotNull();
        kill.get(10, TimeUnit.SECONDS);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("frames acknowledged before the kill").isGreaterThan(20);

        RecordConfig record = new RecordConfig(Set.of("gate"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        try (TestServer server = TestServer.start(data, c -> c.withRecord(record))) {
            Set<Integer> recorded = new HashSet<>();
            try (MjpegReader reader = MjpegReader.open(server.port(), "/cameras/gate/archive/play.mjpg?speed=max")) {
                reader.timeoutMillis(3000);
                while (true) {
                    MjpegReader.Part part;
                    try {
                        part = reader.next();
                    } catch (IOException end) {
                        break;
                    }
                    int number = indexOf(published, part.body());
                    assertThat(number).as("a recorded frame is whole and one that was published").isNotNegative();
                    recorded.add(number);
                }
            }
            for (int i = 0; i < acknowledged - 30; i++) { // 30 frames: one second at 30 fps
                assertThat(recorded).as("acknowledged frame %d of %d", i, acknowledged).contains(i);
            }
        }
    }

    private static int indexOf(List<byte[]> published, byte[] jpeg) {
        for (int i = 0; i < published.size(); i++) {
            if (Arrays.equals(published.get(i), jpeg)) {
                return i;
            }
        }
        return -1;
    }

    private static int portOf(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        output.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(serving.group(1));
            }
        }
        throw new AssertionError("the server exited without serving: " + lines);
    }
}
