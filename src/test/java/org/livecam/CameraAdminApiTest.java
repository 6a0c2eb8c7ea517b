package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.config.SavedCameras;
import org.livecam.http.WebSocketTestClient;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** PUT and DELETE /api/cameras/{id} on the real server: sources started, replaced, stopped, and kept across a restart. */
class CameraAdminApiTest {
    private static final String ADMIN = "admin-secret";

    @TempDir
    Path data;

    private final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);

    private TestServer serve() {
        return TestServer.start(data, c -> c.withHttp(h -> h.withAdminToken(ADMIN))
                .withCamera(CameraConfig.onDemand("fixed", "test:?size=160x90&fps=5", Duration.ofSeconds(1))));
    }

    @Test
    void cameraAddedWatchedReplacedDeletedAndKeptAcrossARestart() throws Exception {
        String ffmpeg = "exec:ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x240:rate=10"
                + " -metadata comment=" + tag + " -f mjpeg -q:v 5 -";
        try (TestServer server = serve()) {
            HttpResponse<String> added = put(server, "yard", new JsonObject().put("source", ffmpeg).put("fps", 5), ADMIN);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(new JsonObject(added.body()).getString("id")).isEqualTo("yard");
            assertThat(TestJpegs.decode(server.get("/cameras/yard/snapshot.jpg").body()).getWidth()).isEqualTo(320);
            assertThat(text(server.get("/api/cameras"))).contains("\"yard\"");

            try (MjpegReader viewer = MjpegReader.open(server.port(), "/cameras/yard/stream.mjpg");
                 WebSocketTestClient socketViewer = WebSocketTestClient.connect(server, "/cameras/yard/ws");
                 WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws")) {
                grid.send("{\"subscribe\":\"yard\"}");
                assertThat(grid.message("subscribed").getString("camera")).isEqualTo("yard");
                MjpegReader.Part first = viewer.next();
                assertThat(TestJpegs.decode(first.body()).getWidth()).isEqualTo(320);
                assertThat(commandsTagged()).as("the camera's ffmpeg").hasSize(1);

                HttpResponse<String> replaced = put(server, "yard", new JsonObject().put("source", "test:?size=160x90&fps=5"), ADMIN);
                assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
                Await.until(() -> commandsTagged().isEmpty(), Duration.ofSeconds(10), "the replaced source's ffmpeg to exit");
                MjpegReader.Part fromNewSource = viewer.nextNewerThan(first.sequence());
                while (TestJpegs.decode(fromNewSource.body()).getWidth() != 160) {
                    fromNewSource = viewer.nextNewerThan(fromNewSource.sequence());
                }

                long newest = fromNewSource.sequence();
                int streams = server.server().cameras().get("yard").orElseThrow().demand(); // one per event loop with viewers
                CompletableFuture<HttpResponse<byte[]>> waiting = server.client().sendAsync(HttpRequest.newBuilder(
                        server.uri("/cameras/yard/snapshot.jpg?after=" + (newest + 1000))).build(), HttpResponse.BodyHandlers.ofByteArray());
                Await.until(() -> server.server().cameras().get("yard").map(c -> c.demand() == streams + 1).orElse(false),
                        Duration.ofSeconds(10), "the ?after= snapshot to wait beside the two streams and the grid socket");
                HttpResponse<String> deleted = delete(server, "yard", ADMIN);
                assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
                viewer.timeoutMillis(10_000);
                Throwable end = catchThrowable(() -> {
                    for (int i = 0; i < 100; i++) {
                        viewer.next();
                    }
                });
                assertThat(end).as("the viewer's stream ends").isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
                assertThat(socketViewer.awaitClose().status()).as("a WebSocket viewer is told the camera went away").isEqualTo(1001);
                JsonObject dropped = grid.message("unsubscribed");
                assertThat(dropped.getString("camera")).isEqualTo("yard");
                assertThat(dropped.getString("reason")).isEqualTo("camera removed");
                assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).as("a waiting ?after= snapshot").isEqualTo(404);
            }
            assertThat(server.get("/api/cameras/yard").statusCode()).isEqualTo(404);
            assertThat(server.get("/cameras/yard/snapshot.jpg").statusCode()).isEqualTo(404);
            assertThat(text(server.get("/api/cameras"))).doesNotContain("\"yard\"");
            assertThat(delete(server, "yard", ADMIN).statusCode()).isEqualTo(404);

            assertThat(put(server, "porch", new JsonObject().put("source", "test:?size=200x100&fps=5")
                    .put("idle-timeout", "2s"), ADMIN).statusCode()).isEqualTo(201);
            assertThat(server.get("/cameras/porch/snapshot.jpg").statusCode()).isEqualTo(200);
        }
        assertThat(Files.readString(data.resolve(SavedCameras.FILE_NAME))).contains("porch").doesNotContain("yard");

        try (TestServer restarted = serve()) {
            JsonObject porch = new JsonObject(text(restarted.get("/api/cameras/porch")));
            assertThat(porch.getString("source")).contains("test");
            assertThat(restarted.get("/api/cameras/yard").statusCode()).as("a deleted camera stays deleted").isEqualTo(404);
            Await.until(() -> {
                HttpResponse<byte[]> snapshot = restarted.get("/cameras/porch/snapshot.jpg?after=" + porch.getLong("sequence", 0L));
                return snapshot.statusCode() == 200 && TestJpegs.decode(snapshot.body()).getWidth() == 200;
            }, Duration.ofSeconds(10), "a new frame from the kept camera's source");
        }
    }

    @Test
    void configuredCamerasAndPushedOnesAreReadOnly() {
        try (TestServer server = serve()) {
            HttpResponse<String> replace = put(server, "fixed", new JsonObject().put("source", "test:"), ADMIN);
            assertThat(replace.statusCode()).isEqualTo(409);
            assertThat(replace.body()).contains("--camera or the config file");
            assertThat(delete(server, "fixed", ADMIN).statusCode()).isEqualTo(409);

            assertThat(server.publish("pushed", TestJpegs.solid(64, 48, java.awt.Color.RED)).statusCode()).isEqualTo(200);
            assertThat(put(server, "pushed", new JsonObject().put("source", "test:"), ADMIN).statusCode()).isEqualTo(409);
            assertThat(delete(server, "pushed", ADMIN).statusCode()).isEqualTo(409);
            assertThat(server.get("/cameras/pushed/snapshot.jpg").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBadSpecGetsTheCommandLinesMessageAndChangesNothing() {
        String spec = "rtsp://cam/stream";
        StringWriter err = new StringWriter();
        var cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int status = cli.execute("serve", "--no-demo", "--port", "0", "--data", data.resolve("cli").toString(), "--camera", "yard=" + spec);
        assertThat(status).isNotZero();
        String printed = err.toString().lines().findFirst().orElseThrow();
        assertThat(printed).contains("camera yard");

        try (TestServer server = serve()) {
            HttpResponse<String> refused = put(server, "yard", new JsonObject().put("source", spec), ADMIN);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo(printed);
            assertThat(server.get("/api/cameras/yard").statusCode()).isEqualTo(404);
            assertThat(data.resolve(SavedCameras.FILE_NAME)).doesNotExist();

            HttpResponse<String> badFps = put(server, "yard", new JsonObject().put("source", "test:").put("fps", -1), ADMIN);
            assertThat(badFps.statusCode()).isEqualTo(400);
            assertThat(badFps.body()).contains("fps must be a number above 0");
            assertThat(put(server, "yard", "not json {", ADMIN).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void withoutTheAdminTokenNothingChanges() {
        try (TestServer server = serve()) {
            JsonObject body = new JsonObject().put("source", "test:");
            HttpResponse<String> none = put(server, "yard", body, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(put(server, "yard", body, "wrong").statusCode()).isEqualTo(403);
            assertThat(delete(server, "fixed", "wrong").statusCode()).isEqualTo(403);
            assertThat(put(server, "yard", body, TestServer.TOKEN).statusCode()).as("the publish token is not the admin token").isEqualTo(403);
            assertThat(server.get("/api/cameras/yard").statusCode()).isEqualTo(404);
        }
        try (TestServer off = TestServer.start(data.resolve("off"))) {
            HttpResponse<String> refused = put(off, "yard", new JsonObject().put("source", "test:"), "anything");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("--admin-token");
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<ProcessHandle> commandsTagged() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(tag)).orElse(false))
                .toList();
    }

    private static HttpResponse<String> put(TestServer server, String id, JsonObject body, String token) {
        return put(server, id, body.encode(), token);
    }

    private static HttpResponse<String> put(TestServer server, String id, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/cameras/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }

    private static HttpResponse<String> delete(TestServer server, String id, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/cameras/" + id)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }
}
