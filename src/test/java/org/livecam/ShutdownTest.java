package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * {@code livecam serve} in its own process, stopped with SIGTERM as systemd stops it: it exits 0
 * within 5 s, its MJPEG viewer sees the stream end with the close delimiter and its WebSocket
 * viewer gets 1001, and the frame published just before the signal is what a restart shows.
 */
@Timeout(120)
class ShutdownTest {
    private static final Pattern SERVING = Pattern.compile("livecam is serving on [^:]+:(\\d+)");
    private static final String TOKEN = "shutdown-test-token";

    @TempDir
    Path data;

    @Test
    void sigtermEndsStreamsCleanlySavesTheLastFrameAndExitsZero() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.livecam.Livecam", "serve",
                "--bind", "127.0.0.1", "--port", "0", "--data", data.toString(), "--token", TOKEN, "--no-demo")
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        byte[] last = TestJpegs.solid(64, 48, Color.BLUE);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLines(server.getInputStream(), output, port), "server-output");
        reader.start();
        try {
            int p = port.get(60, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            assertThat(publish(client, p, TestJpegs.solid(64, 48, Color.RED))).isEqualTo(200);

            Socket mjpeg = new Socket(InetAddress.getLoopbackAddress(), p);
            mjpeg.setSoTimeout(20_000);
            OutputStream request = mjpeg.getOutputStream();
            request.write("GET /cameras/porch/stream.mjpg HTTP/1.1\r\nHost: livecam\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.flush();
            CompletableFuture<byte[]> mjpegBytes = CompletableFuture.supplyAsync(() -> readToEnd(mjpeg));

            CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
            client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + p + "/cameras/porch/ws"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closeStatus.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    closeStatus.completeExceptionally(error);
                }
            }).get(20, TimeUnit.SECONDS);
            Await.until(() -> output.stream().filter(line -> line.contains("viewer joined camera porch")).count() == 2,
                    Duration.ofSeconds(20), "both viewers watching");

            assertThat(publish(client, p, last)).isEqualTo(200);
            long signalled = System.nanoTime();
            server.destroy(); // SIGTERM

            assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM; output:\n%s", output).isTrue();
            assertThat(server.exitValue()).as("exit status; output:\n%s", output).isZero();
            System.out.printf("exited %d ms after SIGTERM%n", (System.nanoTime() - signalled) / 1_000_000);
            String stream = new String(mjpegBytes.get(10, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            assertThat(stream).as("the chunked body ends after the multipart close delimiter")
                    .endsWith("\r\n--livecamframe--\r\n\r\n0\r\n\r\n");
            assertThat(closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        } finally {
            server.destroyForcibly();
            reader.join(10_000);
        }

        try (TestServer restarted = TestServer.start(data)) {
            HttpResponse<byte[]> snapshot = restarted.get("/cameras/porch/snapshot.jpg");
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body()).as("the frame published just before SIGTERM").isEqualTo(last);
        }
    }

    private static int publish(HttpClient client, int port, byte[] jpeg) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cameras/porch/frame"))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void readLines(InputStream in, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    port.complete(Integer.parseInt(serving.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server ended before serving: " + output));
    }

    private static byte[] readToEnd(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
