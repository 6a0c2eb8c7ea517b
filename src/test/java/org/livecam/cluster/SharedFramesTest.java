package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.http.WebSocketTestClient;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** Two nodes and one real redis-server: a frame published on node A is watched on node B every way. */
class SharedFramesTest {
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final byte[] RED = TestJpegs.solid(64, 48, Color.RED);
    static final byte[] BLUE = TestJpegs.solid(64, 48, Color.BLUE);
    static final byte[] GREEN = TestJpegs.solid(64, 48, Color.GREEN);

    @TempDir
    Path dir;
    RedisServer redis;
    TestServer a;
    TestServer b;

    @BeforeEach
    void startNodes() {
        redis = RedisServer.start(dir);
        a = node("a");
        b = node("b");
    }

    @AfterEach
    void stopAll() {
        redis.closeWith(a, b);
    }

    TestServer node(String name) {
        return redis.startNode(dir, name, HEARTBEAT);
    }

    @Test
    void framePublishedOnOneNodeIsWatchedOnAnotherAsStreamSocketAndSnapshot() throws Exception {
        assertThat(a.publish("door", RED).statusCode()).isEqualTo(200);
        Await.until(() -> camera(b, "door") != null && "a".equals(camera(b, "door").getString("node")),
                Duration.ofSeconds(10), "node b lists camera door from node a");

        try (MjpegReader stream = MjpegReader.open(b.port(), "/cameras/door/stream.mjpg")) {
            MjpegReader.Part first = stream.next(); // the frame kept in Redis, shown at once
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.body()).isEqualTo(RED);
            awaitSubscribers("door", 1);
            a.publish("door", BLUE);
            MjpegReader.Part next = stream.nextNewerThan(1);
            assertThat(next.sequence()).isEqualTo(2);
            assertThat(next.body()).isEqualTo(BLUE);
        }

        try (WebSocketTestClient socket = WebSocketTestClient.connect(b, "/cameras/door/ws")) {
            assertThat(socket.nextFrame().seq()).isEqualTo(2);
            awaitSubscribers("door", 1);
            a.publish("door", GREEN);
            WebSocketTestClient.Received green = socket.frameOf("door", 3);
            assertThat(green.seq()).isEqualTo(3);
            assertThat(green.jpeg()).isEqualTo(GREEN);
        }

        CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> b.get("/cameras/door/snapshot.jpg?after=3"));
        awaitSubscribers("door", 1);
        Thread.sleep(100); // let the long poll reach the server; a frame before it would answer it too
        a.publish("door", RED);
        HttpResponse<byte[]> snapshot = waiting.get();
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("X-Frame-Sequence")).hasValue("4");
        assertThat(snapshot.body()).isEqualTo(RED);

        HttpResponse<byte[]> plain = b.get("/cameras/door/snapshot.jpg");
        assertThat(plain.headers().firstValue("X-Frame-Sequence")).hasValue("4");
    }

    @Test
    void eachFrameCrossesRedisOnceAndNeverComesBack() throws Exception {
        try (MjpegReader onB = MjpegReader.open(b.port(), "/cameras/door/stream.mjpg")) {
        } catch (Exception expected) {
            // no camera yet on b: 404
        }
        a.publish("door", RED);
        Await.until(() -> camera(b, "door") != null, Duration.ofSeconds(10), "node b lists door");
        try (MjpegReader onB = MjpegReader.open(b.port(), "/cameras/door/stream.mjpg");
             MjpegReader onA = MjpegReader.open(a.port(), "/cameras/door/stream.mjpg")) {
            onB.next();
            onA.next();
            awaitSubscribers("door", 2); // a too: another node might receive door's frames; its own echo is dropped
            for (int i = 0; i < 5; i++) {
                a.publish("door", i % 2 == 0 ? BLUE : GREEN);
            }
            assertThat(onB.nextNewerThan(5).sequence()).isEqualTo(6);
            assertThat(onA.nextNewerThan(5).sequence()).isEqualTo(6);
        }
        Await.until(() -> frames(a, "door") == 6 && frames(b, "door") == 6, Duration.ofSeconds(5),
                "six frames on each node, none twice");
    }

    @Test
    void nodeWithoutViewersOfACameraDoesNotSubscribeToIt() throws Exception {
        a.publish("door", RED);
        Await.until(() -> camera(b, "door") != null, Duration.ofSeconds(10), "node b lists door");
        for (int i = 0; i < 3; i++) {
            a.publish("door", BLUE);
        }
        assertThat(redis.cli("PUBSUB", "NUMSUB", "livecam:frames:door")).endsWith("0");
        assertThat(frames(b, "door")).isZero();
    }

    @Test
    void sequenceKeepsGrowingWhenThePublisherMovesToAnotherNode() throws Exception {
        for (int i = 0; i < 5; i++) {
            a.publish("door", TestJpegs.solid(64, 48, new Color(40 * i, 0, 0))); // distinct: a copy of the frame before takes no number
        }
        Await.until(() -> camera(b, "door") != null && camera(b, "door").getLong("sequence", 0L) >= 0,
                Duration.ofSeconds(10), "node b lists door");
        try (MjpegReader onB = MjpegReader.open(b.port(), "/cameras/door/stream.mjpg");
             MjpegReader onA = MjpegReader.open(a.port(), "/cameras/door/stream.mjpg")) {
            long firstOnB = onB.next().sequence(); // the kept frame: the newest at most a second before
            assertThat(firstOnB).isBetween(1L, 5L);
            assertThat(onA.next().sequence()).isEqualTo(5);
            Await.until(() -> "a".equals(camera(b, "door").getString("node")), Duration.ofSeconds(5), "door from a");
            HttpResponse<String> moved = b.publish("door", BLUE); // the camera now sends to node b
            assertThat(moved.statusCode()).isEqualTo(200);
            long onBNow = onB.nextNewerThan(firstOnB).sequence();
            assertThat(onBNow).isGreaterThan(firstOnB);
            Await.until(() -> "b".equals(camera(a, "door").getString("node")), Duration.ofSeconds(5),
                    "node a lists door as node b's now");
            awaitSubscribers("door", 2);
            b.publish("door", GREEN);
            MjpegReader.Part onAFromB = onA.nextNewerThan(5);
            assertThat(onAFromB.sequence()).as("a's viewer: numbers still growing").isGreaterThan(5);
            while (!java.util.Arrays.equals(onAFromB.body(), GREEN)) { // b's first frame may come first
                onAFromB = onA.nextNewerThan(onAFromB.sequence());
            }
            assertThat(onB.nextNewerThan(onBNow).sequence()).as("b's viewer too").isGreaterThan(onBNow);
        }
    }

    void awaitSubscribers(String camera, int count) throws InterruptedException {
        Await.until(() -> redis.cli("PUBSUB", "NUMSUB", "livecam:frames:" + camera).endsWith(String.valueOf(count)),
                Duration.ofSeconds(10), count + " node(s) subscribed to " + camera);
    }

    static JsonObject camera(TestServer server, String id) {
        JsonArray list = new JsonObject(new String(server.get("/api/cameras").body())).getJsonArray("cameras");
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.getJsonObject(i).getString("id"))) {
                return list.getJsonObject(i);
            }
        }
        return null;
    }

    static long frames(TestServer server, String id) {
        JsonObject camera = camera(server, id);
        return camera == null ? -1 : camera.getLong("frames_published");
    }
}
