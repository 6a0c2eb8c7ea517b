package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.ServeProcess;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * {@code livecam serve} in its own process, stopped with SIGTERM as systemd stops it: it exits 0
 * within 5 s, its MJPEG viewer sees the stream end with the close delimiter and its WebSocket
 * viewer gets 1001, and the frame published just before the signal is what a restart shows.
 */
@Timeout(120)
class ShutdownTest {
    @TempDir
    Path data;

    @Test
    void sigtermEndsStreamsCleanlySavesTheLastFrameAndExitsZero() throws Exception {
        byte[] last = TestJpegs.solid(64, 48, Color.BLUE);
        try (ServeProcess server = ServeProcess.start(data)) {
            int port = server.port();
            assertThat(server.publish("porch", TestJpegs.solid(64, 48, Color.RED))).isEqualTo(200);

            Socket mjpeg = new Socket(InetAddress.getLoopbackAddress(), port);
            mjpeg.setSoTimeout(20_000);
            OutputStream request = mjpeg.getOutputStream();
            request.write("GET /cameras/porch/stream.mjpg HTTP/1.1\r\nHost: livecam\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.flush();
            CompletableFuture<byte[]> mjpegBytes = CompletableFuture.supplyAsync(() -> readToEnd(mjpeg));

            CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
            server.client().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/cameras/porch/ws"), new WebSocket.Listener() {
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
            Await.until(() -> server.out().stream().filter(line -> line.contains("viewer joined camera porch")).count() == 2,
                    Duration.ofSeconds(20), "both viewers watching");

            assertThat(server.publish("porch", last)).isEqualTo(200);
            long signalled = System.nanoTime();
            server.process().toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)

            assertThat(server.process().waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM; output:\n%s", server.out()).isTrue();
            assertThat(server.process().exitValue()).as("exit status; output:\n%s", server.out()).isZero();
            System.out.printf("exited %d ms after SIGTERM%n", (System.nanoTime() - signalled) / 1_000_000);
            String stream = new String(mjpegBytes.get(10, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            assertThat(stream).as("the chunked body ends after the multipart close delimiter")
                    .endsWith("\r\n--livecamframe--\r\n\r\n0\r\n\r\n");
            assertThat(closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
            server.awaitOutput();
            assertThat(server.out().stream().filter(line -> line.contains("Viewer session ended")))
                    .as("output:\n%s\nerr:\n%s", String.join("\n", server.out()), String.join("\n", server.err()))
                    .hasSize(2).allSatisfy(line -> assertThat(line).endsWith("server shutdown"));
        }

        try (TestServer restarted = TestServer.start(data)) {
            HttpResponse<byte[]> snapshot = restarted.get("/cameras/porch/snapshot.jpg");
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body()).as("the frame published just before SIGTERM").isEqualTo(last);
        }
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
