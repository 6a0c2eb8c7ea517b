package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.cluster.SharedFramesTest.BLUE;
import static org.livecam.cluster.SharedFramesTest.HEARTBEAT;
import static org.livecam.cluster.SharedFramesTest.RED;
import static org.livecam.cluster.SharedFramesTest.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestServer;

/** Redis stopped and started again under load: each node keeps serving its own, and sharing comes back by itself. */
class RedisOutageTest {
    @TempDir
    Path dir;
    RedisServer redis;
    TestServer a;
    TestServer b;
    final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicLong published = new AtomicLong();

    @BeforeEach
    void start() {
        redis = RedisServer.start(dir);
        a = redis.startNode(dir, "a", HEARTBEAT);
        b = redis.startNode(dir, "b", HEARTBEAT);
    }

    @AfterEach
    void stop() throws InterruptedException {
        camera.shutdownNow();
        camera.awaitTermination(5, TimeUnit.SECONDS);
        redis.closeWith(a, b);
    }

    @Test
    void withRedisGoneEachNodeServesItsOwnCamerasAndSharingResumesWhenItReturns() throws Exception {
        a.publish("door", RED);
        Await.until(() -> camera(b, "door") != null, Duration.ofSeconds(10), "door listed on b");
        camera.scheduleAtFixedRate(() -> { // the camera keeps sending to node a, 20 frames a second
            int status = a.publish("door", published.incrementAndGet() % 2 == 0 ? RED : BLUE).statusCode();
            if (status != 200) {
                refused.incrementAndGet();
            }
        }, 0, 50, TimeUnit.MILLISECONDS);

        try (CapturedLog log = CapturedLog.of(RedisLink.class);
             MjpegReader onA = MjpegReader.open(a.port(), "/cameras/door/stream.mjpg");
             MjpegReader onB = MjpegReader.open(b.port(), "/cameras/door/stream.mjpg")) {
            long seenOnB = onB.nextNewerThan(onB.next().sequence()).sequence();

            redis.stop();
            long seenOnA = onA.next().sequence();
            long later = onA.nextNewerThan(seenOnA + 20).sequence(); // a's own viewer: frames keep coming
            assertThat(later).isGreaterThan(seenOnA + 20);
            Await.until(() -> "stale".equals(camera(b, "door").getString("state")), Duration.ofSeconds(10),
                    "door stale on b while Redis is away");
            Await.until(() -> log.lines("Lost Redis").size() == 2, Duration.ofSeconds(5), "each node says it lost Redis");
            Thread.sleep(HEARTBEAT.multipliedBy(6).toMillis()); // several retries, still said once per node
            assertThat(log.lines("Lost Redis")).hasSize(2);
            assertThat(log.lines("Redis")).as("nothing else said while retrying").hasSize(2);

            redis.start();
            long back = onB.nextNewerThan(seenOnB).sequence(); // b's viewer moves again, no restart
            assertThat(back).isGreaterThan(seenOnB);
            Await.until(() -> "live".equals(camera(b, "door").getString("state")), Duration.ofSeconds(10), "door live on b again");
            assertThat(log.lines("is back")).hasSize(2);
            assertThat(onA.nextNewerThan(back).sequence()).isGreaterThan(back);
        }
        assertThat(refused.get()).as("publishing on a never refused").isZero();
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesAloneAndJoinsWhenRedisComes() throws Exception {
        redis.stop();
        try (TestServer c = TestServer.start(dir.resolve("c"), conf -> conf.withCluster(redis.node("c", HEARTBEAT)))) {
            assertThat(c.publish("porch", RED).statusCode()).isEqualTo(200);
            assertThat(c.get("/cameras/porch/snapshot.jpg").body()).isEqualTo(RED);
            redis.start();
            Await.until(() -> camera(a, "porch") != null && "c".equals(camera(a, "porch").getString("node")),
                    Duration.ofSeconds(10), "porch from c listed on a once Redis is there");
        }
    }
}
