package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.cluster.SharedFramesTest.BLUE;
import static org.livecam.cluster.SharedFramesTest.GREEN;
import static org.livecam.cluster.SharedFramesTest.HEARTBEAT;
import static org.livecam.cluster.SharedFramesTest.RED;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestServer;

/**
 * deploy/nginx-livecam-cluster.conf as shipped (only the node addresses and the port changed),
 * in front of two nodes and one Redis: round robin spreads a camera's uploads over both nodes,
 * and viewers through nginx see every frame, numbers growing, however they watch.
 */
class NginxClusterTest {
    @TempDir
    Path dir;
    RedisServer redis;
    TestServer a;
    TestServer b;
    Process nginx;
    int port;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start(dir);
        a = redis.startNode(dir, "a", HEARTBEAT);
        b = redis.startNode(dir, "b", HEARTBEAT);
        port = freePort();
        String site = Files.readString(Path.of("deploy/nginx-livecam-cluster.conf"))
                .replace("server 10.0.0.11:8080", "server 127.0.0.1:" + a.port())
                .replace("server 10.0.0.12:8080", "server 127.0.0.1:" + b.port())
                .replace("    server 10.0.0.13:8080 max_fails=2 fail_timeout=5s;\n", "")
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        assertThat(site).doesNotContain("10.0.0.1");
        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        Files.writeString(nginxDir.resolve("site.conf"), site);
        Files.writeString(nginxDir.resolve("nginx.conf"), """
                worker_processes 1;
                error_log %1$s/error.log;
                pid %1$s/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/site.conf;
                }
                """.formatted(nginxDir));
        nginx = new ProcessBuilder("nginx", "-p", nginxDir.toString(), "-c", nginxDir.resolve("nginx.conf").toString(),
                "-g", "daemon off;" + ("0".equals(System.getProperty("user.name")) || "root".equals(System.getProperty("user.name")) ? " user root;" : ""))
                .redirectErrorStream(true).redirectOutput(nginxDir.resolve("out.log").toFile()).start();
        Await.until(this::nginxAnswers, Duration.ofSeconds(10), "nginx listening");
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        redis.closeWith(a, b);
    }

    @Test
    @Timeout(120)
    void throughRoundRobinEveryNodeServesTheCameraWhereverItsFramesLand() throws Exception {
        assertThat(publish(RED)).isEqualTo(200);
        Await.until(() -> a.get("/api/cameras/door").statusCode() == 200 && b.get("/api/cameras/door").statusCode() == 200,
                Duration.ofSeconds(10), "door known on both nodes");
        try (MjpegReader stream = MjpegReader.open(port, "/cameras/door/stream.mjpg");
             RawWebSocketReader socket = RawWebSocketReader.open(port, "/cameras/door/ws", 0)) {
            long seen = Math.max(stream.next().sequence(), socket.next().seq());
            byte[][] colours = {BLUE, GREEN, RED, BLUE, GREEN, RED};
            long streamSeq = seen;
            long socketSeq = seen;
            for (byte[] colour : colours) {
                HttpResponse<String> answer = post(colour);
                assertThat(answer.statusCode()).isEqualTo(200);
                MjpegReader.Part part = stream.nextNewerThan(streamSeq);
                while (!Arrays.equals(part.body(), colour)) {
                    part = stream.nextNewerThan(part.sequence());
                }
                assertThat(part.sequence()).isGreaterThan(streamSeq);
                streamSeq = part.sequence();
                RawWebSocketReader.Message message = socket.next();
                while (!Arrays.equals(message.jpeg(), colour)) {
                    assertThat(message.seq()).isGreaterThan(socketSeq);
                    socketSeq = message.seq();
                    message = socket.next();
                }
                assertThat(message.seq()).as("numbers grow whichever node took the upload").isGreaterThan(socketSeq);
                socketSeq = message.seq();
            }
            for (int i = 0; i < 4; i++) { // each snapshot from the next node: the same newest frame
                HttpResponse<byte[]> snapshot = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/cameras/door/snapshot.jpg?after=" + (streamSeq - 1))).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(snapshot.statusCode()).isEqualTo(200);
                assertThat(snapshot.body()).isEqualTo(RED);
            }
        }
    }

    int publish(byte[] jpeg) throws Exception {
        return post(jpeg).statusCode();
    }

    HttpResponse<String> post(byte[] jpeg) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cameras/door/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean nginxAnswers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
