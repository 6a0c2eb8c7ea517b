package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.BOB_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import org.livecam.testing.Await;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The recordings of a private camera follow its rule, on every archive URL and on the replay WebSocket. */
class ArchiveAccessTest {
    @TempDir
    Path users;
    @TempDir
    Path data;

    @Test
    void aPrivateCamerasRecordingsAreForItsUsersOnly() throws Exception {
        RecordConfig record = new RecordConfig(Set.of("door"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        try (TestServer server = TestServer.start(data, c -> PrivateCameras.setup(users).apply(c).withRecord(record))) {
            assertThat(server.publish("door", TestJpegs.solid(64, 48, Color.RED)).statusCode()).isEqualTo(200);
            String[] alice = as("alice", ALICE_PASSWORD);
            Await.until(() -> new JsonObject(PrivateCameras.get(server, "/cameras/door/archive", alice).body()).getLong("frames") == 1,
                    Duration.ofSeconds(10), "the frame recorded");

            for (String path : new String[] {"/cameras/door/archive", "/cameras/door/archive/frame.jpg?t=" + System.currentTimeMillis(),
                    "/cameras/door/archive/play.mjpg?speed=max", "/cameras/door/archive/play.ws?speed=max"}) {
                assertThat(PrivateCameras.get(server, path).statusCode()).as("anonymous " + path).isEqualTo(401);
                assertThat(PrivateCameras.get(server, path, as("bob", BOB_PASSWORD)).statusCode()).as("bob " + path).isEqualTo(404);
            }
            assertThat(PrivateCameras.upgrade(server, "/cameras/door/archive/play.ws")).isEqualTo(401);
            assertThat(PrivateCameras.upgrade(server, "/cameras/door/archive/play.ws", "Authorization", Htpasswd.basic("bob", BOB_PASSWORD)))
                    .isEqualTo(404);
            try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/door/archive/play.ws?speed=max",
                    Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
                assertThat(viewer.nextFrame().camera()).isEqualTo("door");
                assertThat(viewer.awaitClose().status()).isEqualTo(1000);
            }
        }
    }
}
