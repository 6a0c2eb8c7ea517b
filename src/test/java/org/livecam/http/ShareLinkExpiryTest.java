package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * A stream that only a share link let in ends when the link expires, against the real server
 * with a link of a few seconds: MJPEG ends its response, a camera's WebSocket closes with 1008,
 * the grid's socket drops that camera. Streams let in otherwise (a public camera, a user allowed
 * on the camera) play on. Cameras: {@code door} for alice only, {@code yard} public.
 */
class ShareLinkExpiryTest {
    @TempDir
    Path data;

    @Test
    void streamsOnlyAShareLinkLetInEndWhenItExpiresAndOthersPlayOn() throws Exception {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(data));
             CapturedLog streamLog = CapturedLog.of(StreamHandler.class);
             CapturedLog gridLog = CapturedLog.of(MultiCameraSocket.class);
             Publisher publisher = new Publisher(server)) {
            server.publish("door", TestJpegs.solid(64, 48, Color.RED));
            server.publish("yard", TestJpegs.solid(64, 48, Color.GREEN));
            publisher.start();
            JsonObject share = share(server, "door", "3s");
            String token = share.getString("token");
            Instant expires = Instant.parse(share.getString("expires"));
            try (MjpegReader sharedStream = MjpegReader.open(server.port(), "/cameras/door/stream.mjpg?share=" + token);
                 WebSocketTestClient sharedSocket = WebSocketTestClient.connect(server, "/cameras/door/ws?share=" + token);
                 WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws?share=" + token);
                 // The same link on a public camera, and with alice's own credentials: not what lets these in.
                 MjpegReader publicStream = MjpegReader.open(server.port(), "/cameras/yard/stream.mjpg?share=" + token);
                 WebSocketTestClient alice = WebSocketTestClient.connect(server, "/cameras/door/ws?share=" + token,
                         Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
                assertThat(sharedStream.status()).isEqualTo(200);
                assertThat(publicStream.status()).isEqualTo(200);
                grid.send("{\"subscribe\":\"door\"}");
                grid.send("{\"subscribe\":\"yard\"}");
                sharedStream.next();
                sharedSocket.nextFrame();
                grid.frameOf("door", 0);
                assertThat(Instant.now()).as("the streams ran before the link expired").isBefore(expires);

                sharedStream.timeoutMillis(10_000);
                Instant giveUp = expires.plusSeconds(10);
                Throwable end = catchThrowable(() -> {
                    while (Instant.now().isBefore(giveUp)) {
                        sharedStream.next();
                    }
                });
                assertThat(end).as("the shared MJPEG stream ends").isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
                assertThat(Instant.now()).as("not before the link expired").isAfterOrEqualTo(expires.minusMillis(50));
                WebSocketTestClient.Closed closed = sharedSocket.awaitClose();
                assertThat(closed.status()).as("the shared WebSocket closes as a policy violation").isEqualTo(1008);
                assertThat(closed.reason()).isEqualTo("share link expired");
                JsonObject dropped = grid.message("unsubscribed");
                assertThat(dropped.getString("camera")).isEqualTo("door");
                assertThat(dropped.getString("reason")).isEqualTo("share link expired");

                // Frames published after the expiry still reach the others.
                long yardSeq = latest(server, "yard");
                long doorSeq = latest(server, "door");
                assertThat(publicStream.nextNewerThan(yardSeq).sequence()).as("the public camera's stream plays on").isGreaterThan(yardSeq);
                assertThat(alice.frameOf("door", doorSeq + 1).seq()).as("alice's own stream plays on").isGreaterThan(doorSeq);
                assertThat(grid.frameOf("yard", yardSeq + 1).seq()).as("the grid plays its public camera on").isGreaterThan(yardSeq);
                grid.send("{\"subscribe\":\"door\"}");
                assertThat(grid.message("error").getString("camera")).as("the expired link no longer opens door on the grid").isEqualTo("door");
                assertThat(streamLog.lines("share link expired")).as("one line per ended stream").hasSize(2);
                assertThat(gridLog.lines("share link expired")).hasSize(1);
            }
        }
    }

    private static long latest(TestServer server, String camera) {
        return server.server().cameras().get(camera).orElseThrow().latest().sequence();
    }

    private static JsonObject share(TestServer server, String camera, String lifetime) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/cameras/" + camera + "/share?for=" + lifetime))
                .headers(as("alice", ALICE_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body());
    }

    /** Publishes a new frame to each camera every 100 ms on its own thread, so that every stream has new frames to show. */
    private static final class Publisher implements AutoCloseable {
        private final TestServer server;
        private final Thread thread;
        private volatile boolean stopped;

        Publisher(TestServer server) {
            this.server = server;
            this.thread = new Thread(this::run, "publisher");
        }

        void start() {
            thread.start();
        }

        private void run() {
            for (int i = 0; !stopped; i++) {
                // A frame identical to the latest is no new frame: the shade changes each time.
                server.publish("door", TestJpegs.solid(64, 48, new Color(255, i % 200, 0)));
                server.publish("yard", TestJpegs.solid(64, 48, new Color(0, 255, i % 200)));
                try {
                    Thread.sleep(100); // the cameras' frame rate
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join(10_000);
        }
    }
}
