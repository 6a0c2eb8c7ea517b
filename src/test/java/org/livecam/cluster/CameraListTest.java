package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.cluster.SharedFramesTest.BLUE;
import static org.livecam.cluster.SharedFramesTest.HEARTBEAT;
import static org.livecam.cluster.SharedFramesTest.RED;
import static org.livecam.cluster.SharedFramesTest.camera;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestServer;

/** One camera list on every node: each camera with its node and its state there; offline once its node stops. */
class CameraListTest {
    @TempDir
    Path dir;
    RedisServer redis;
    TestServer a;
    TestServer b;
    TestServer c;

    @BeforeEach
    void startNodes() {
        redis = RedisServer.start(dir);
        a = node("a");
        b = node("b");
        c = node("c");
    }

    @AfterEach
    void stopAll() {
        redis.closeWith(a, b, c);
    }

    TestServer node(String name) {
        return redis.startNode(dir, name, HEARTBEAT);
    }

    @Test
    void everyNodeListsEveryCameraWithItsNodeAndItsStateThere() throws Exception {
        a.publish("door", RED);
        b.publish("garden", BLUE);
        for (TestServer node : new TestServer[] {a, b, c}) {
            Await.until(() -> camera(node, "door") != null && camera(node, "garden") != null,
                    Duration.ofSeconds(10), "every camera listed on every node");
            assertThat(camera(node, "door").getString("node")).isEqualTo("a");
            assertThat(camera(node, "garden").getString("node")).isEqualTo("b");
        }
        assertThat(camera(c, "live").getString("node")).as("each node's own default camera, never published").isEqualTo("c");

        for (int i = 0; i < 5; i++) { // live on a: c, with no viewer, says so from a's heartbeat
            a.publish("door", RED);
            Thread.sleep(100);
        }
        Await.until(() -> "live".equals(camera(c, "door").getString("state")), Duration.ofSeconds(5), "door live on c");
        assertThat(c.get("/cameras/door").statusCode()).as("the camera's page on another node").isEqualTo(200);
        assertThat(c.get("/cameras/door/snapshot.jpg").body()).as("a snapshot on another node").isEqualTo(RED);
    }

    @Test
    void aCameraIsOfflineOnEveryNodeOnceItsNodeStops() throws Exception {
        a.publish("door", RED);
        Await.until(() -> camera(b, "door") != null && camera(c, "door") != null, Duration.ofSeconds(10), "door listed");
        a.close();
        a = null;
        for (TestServer node : new TestServer[] {b, c}) {
            Await.until(() -> "offline".equals(camera(node, "door").getString("state")), Duration.ofSeconds(5),
                    "door offline once its node stopped");
            assertThat(camera(node, "door").getString("node")).isEqualTo("a");
        }
    }
}
