package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Camera;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/** The latest frame as one JPEG, from the real server: validators, 304, long-poll and the empty cases. */
class SnapshotHandlerTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void servesTheLatestFrameWithValidatorsAndFrameHeaders() {
        byte[] jpeg = TestJpegs.solid(160, 120, Color.RED);
        long sequence = new JsonObject(server.publish("snap", jpeg).body()).getLong("sequence");
        HttpResponse<byte[]> response = server.get("/cameras/snap/snapshot.jpg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(jpeg);
        assertThat(header(response, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(response, "ETag")).as("a strong ETag").startsWith("\"").endsWith("\"");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-cache");
        ZonedDateTime lastModified = ZonedDateTime.parse(header(response, "Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME);
        long timestamp = Long.parseLong(header(response, "X-Frame-Timestamp"));
        assertThat(Math.abs(System.currentTimeMillis() - timestamp)).isLessThan(60_000);
        assertThat(lastModified.toEpochSecond()).isEqualTo(timestamp / 1000);
        assertThat(Long.parseLong(header(response, "X-Frame-Sequence"))).isEqualTo(sequence);
        assertThat(header(response, "X-Frame-Stale")).isEqualTo("false");
    }

    @Test
    void theEtagChangesWithEveryFrame() {
        server.publish("etags", TestJpegs.solid(64, 48, Color.RED));
        String first = header(server.get("/cameras/etags/snapshot.jpg"), "ETag");
        server.publish("etags", TestJpegs.solid(64, 48, Color.RED)); // a byte-identical copy is not a new frame
        assertThat(header(server.get("/cameras/etags/snapshot.jpg"), "ETag")).isEqualTo(first);
        server.publish("etags", TestJpegs.solid(64, 48, Color.GREEN));
        String second = header(server.get("/cameras/etags/snapshot.jpg"), "ETag");
        assertThat(second).isNotEqualTo(first);
        assertThat(header(server.get("/cameras/etags/snapshot.jpg"), "ETag")).isEqualTo(second);
    }

    @Test
    void theCurrentEtagInIfNoneMatchGets304WithoutBody() {
        server.publish("cond", TestJpegs.solid(64, 48, Color.RED));
        String etag = header(server.get("/cameras/cond/snapshot.jpg"), "ETag");
        HttpResponse<byte[]> unchanged = getWith("/cameras/cond/snapshot.jpg", "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(header(unchanged, "ETag")).isEqualTo(etag);

        byte[] next = TestJpegs.solid(64, 48, Color.GREEN);
        server.publish("cond", next);
        HttpResponse<byte[]> changed = getWith("/cameras/cond/snapshot.jpg", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(next);
    }

    @Test
    void afterWaitsForTheNextFrameAndReturnsIt() throws Exception {
        long sequence = new JsonObject(server.publish("poll", TestJpegs.solid(64, 48, Color.RED)).body()).getLong("sequence");
        CompletableFuture<HttpResponse<byte[]>> waiting = server.client().sendAsync(
                HttpRequest.newBuilder(server.uri("/cameras/poll/snapshot.jpg?after=" + sequence)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Camera poll = server.server().cameras().get("poll").orElseThrow();
        Await.until(() -> poll.demand() == 1, Duration.ofSeconds(10), "the request to wait on the camera");
        assertThat(waiting).as("no frame newer than %d yet, so the request waits", sequence).isNotDone();

        byte[] green = TestJpegs.solid(64, 48, Color.GREEN);
        Thread publisher = new Thread(() -> server.publish("poll", green));
        publisher.start();
        HttpResponse<byte[]> response = waiting.get(20, TimeUnit.SECONDS);
        publisher.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(green);
        assertThat(Long.parseLong(header(response, "X-Frame-Sequence"))).isEqualTo(sequence + 1);
    }

    @Test
    void afterAnswersAtOnceWhenANewerFrameExists() throws Exception {
        server.publish("poll-now", TestJpegs.solid(64, 48, Color.RED));
        byte[] latest = TestJpegs.solid(64, 48, Color.BLUE);
        server.publish("poll-now", latest);
        // The server would wait up to 30 s; an answer within 10 s can only be the immediate one.
        HttpResponse<byte[]> response = server.client().sendAsync(
                HttpRequest.newBuilder(server.uri("/cameras/poll-now/snapshot.jpg?after=1")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(latest);
        assertThat(header(response, "X-Frame-Sequence")).isEqualTo("2");
    }

    @Test
    void afterAnswersWithTheCurrentFrameWhenNothingNewerComesInTime(@TempDir Path otherData) throws Exception {
        try (TestServer quick = TestServer.start(otherData, c -> c.withHttp(h -> h.withSnapshotWait(Duration.ofMillis(800))))) {
            byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
            quick.publish("slow", jpeg);
            HttpResponse<byte[]> response = quick.client().sendAsync(
                    HttpRequest.newBuilder(quick.uri("/cameras/slow/snapshot.jpg?after=1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(jpeg);
            assertThat(header(response, "X-Frame-Sequence")).isEqualTo("1");
        }
    }

    @Test
    void afterOnACameraWithoutFramesWaitsForTheFirstOne(@TempDir Path otherData) throws Exception {
        try (TestServer fresh = TestServer.start(otherData)) {
            CompletableFuture<HttpResponse<byte[]>> waiting = fresh.client().sendAsync(
                    HttpRequest.newBuilder(fresh.uri("/live.jpeg?after=0")).build(), HttpResponse.BodyHandlers.ofByteArray());
            Camera live = fresh.server().cameras().get("live").orElseThrow();
            Await.until(() -> live.demand() == 1, Duration.ofSeconds(10), "the request to wait on the camera");
            assertThat(waiting).as("the default camera has no frame yet").isNotDone();
            byte[] first = TestJpegs.solid(64, 48, Color.CYAN);
            fresh.publish("live", first);
            HttpResponse<byte[]> response = waiting.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(first);
        }
    }

    @Test
    void afterThatIsNotANumberIs400() {
        server.publish("poll-bad", TestJpegs.solid(64, 48, Color.RED));
        HttpResponse<byte[]> response = server.get("/cameras/poll-bad/snapshot.jpg?after=soon");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("after");
    }

    @Test
    void theDefaultCameraBeforeItsFirstFrameIs503WithRetryAfter() {
        HttpResponse<byte[]> response = server.get("/cameras/live/snapshot.jpg");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(header(response, "Retry-After")).isNotBlank();
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(new JsonObject(new String(response.body())).getString("error")).contains("no frame yet");
    }

    @Test
    void anUnknownCameraIs404OnSnapshotAndStream() {
        for (String path : new String[] {"/cameras/nobody/snapshot.jpg", "/cameras/nobody/stream.mjpg"}) {
            HttpResponse<byte[]> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(new String(response.body())).getString("error")).contains("nobody");
        }
    }

    private static HttpResponse<byte[]> getWith(String path, String name, String value) {
        try {
            return server.client().send(HttpRequest.newBuilder(server.uri(path)).header(name, value).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
