package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/**
 * A stream that only a share link let in ends when the link expires or {@code livecam share
 * --revoke-all} revokes it, against the real server with a link of a few seconds: MJPEG ends its
 * response, a camera's WebSocket closes with 1008, the grid's socket drops that camera, and a
 * replay of the recordings ends as those do. Streams let in otherwise (a public camera, a user
 * allowed on the camera) play on, until {@code livecam users remove} removes that user.
 * Cameras: {@code door} for alice only, {@code yard} public.
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

                assertThat(readToTheEnd(sharedStream)).as("the shared MJPEG stream ends").isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
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

    @Test
    void replaysOnlyAShareLinkLetInEndWhenItExpires() throws Exception {
        try (TestServer server = recordingDoor();
             CapturedLog replayLog = CapturedLog.of(ArchiveReplay.class);
             Publisher publisher = new Publisher(server)) {
            publisher.start();
            Thread.sleep(3_000); // three seconds of recordings: replayed at half speed, they outlast the link below
            JsonObject share = share(server, "door", "3s");
            String token = share.getString("token");
            Instant expires = Instant.parse(share.getString("expires"));
            try (MjpegReader sharedReplay = MjpegReader.open(server.port(), "/cameras/door/archive/play.mjpg?speed=0.5&share=" + token);
                 WebSocketTestClient sharedSocket = WebSocketTestClient.connect(server, "/cameras/door/archive/play.ws?speed=0.5&share=" + token);
                 WebSocketTestClient alice = WebSocketTestClient.connect(server, "/cameras/door/archive/play.ws?speed=0.5&share=" + token,
                         Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
                assertThat(sharedReplay.status()).isEqualTo(200);
                sharedReplay.next();
                sharedSocket.nextFrame();
                assertThat(Instant.now()).as("the replays ran before the link expired").isBefore(expires);

                assertThat(readToTheEnd(sharedReplay)).as("the shared MJPEG replay ends").isInstanceOf(IOException.class)
                        .isNotInstanceOf(SocketTimeoutException.class);
                // Played out, the recordings would last until about 3 s after the expiry.
                assertThat(Instant.now()).as("when the link expired").isBetween(expires.minusMillis(50), expires.plusMillis(2_500));
                WebSocketTestClient.Closed closed = sharedSocket.awaitClose();
                assertThat(closed.status()).as("the shared replay socket closes as a policy violation").isEqualTo(1008);
                assertThat(closed.reason()).isEqualTo("share link expired");
                assertThat(alice.awaitClose().status()).as("alice's own replay plays to its end").isEqualTo(ArchiveSocketOutput.DONE);
                assertThat(replayLog.lines("share link expired")).as("one line per ended replay").hasSize(2);
            }
        }
    }

    @Test
    void revokeAllEndsTheStreamsItsLinksLetIn() throws Exception {
        try (TestServer server = recordingDoor();
             CapturedLog streamLog = CapturedLog.of(StreamHandler.class);
             Publisher publisher = new Publisher(server)) {
            publisher.start();
            Thread.sleep(1_000); // a second of recordings to replay, slowly
            String token = share(server, "door", "1h").getString("token");
            try (MjpegReader sharedStream = MjpegReader.open(server.port(), "/cameras/door/stream.mjpg?share=" + token);
                 WebSocketTestClient sharedSocket = WebSocketTestClient.connect(server, "/cameras/door/ws?share=" + token);
                 WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws?share=" + token);
                 WebSocketTestClient sharedReplay = WebSocketTestClient.connect(server, "/cameras/door/archive/play.ws?speed=0.1&share=" + token);
                 WebSocketTestClient alice = WebSocketTestClient.connect(server, "/cameras/door/ws",
                         Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
                grid.send("{\"subscribe\":\"door\"}");
                sharedStream.next();
                sharedSocket.nextFrame();
                grid.frameOf("door", 0);
                sharedReplay.nextFrame();

                StringWriter out = new StringWriter();
                CommandLine cli = Livecam.commandLine();
                cli.setOut(new PrintWriter(out));
                assertThat(cli.execute("share", "--revoke-all", "--data", data.toString())).isZero();
                Instant revoked = Instant.now();

                assertThat(readToTheEnd(sharedStream)).as("the shared MJPEG stream ends").isInstanceOf(IOException.class)
                        .isNotInstanceOf(SocketTimeoutException.class);
                assertThat(sharedSocket.awaitClose()).as("the shared WebSocket").isEqualTo(new WebSocketTestClient.Closed(1008, "share link revoked"));
                assertThat(sharedReplay.awaitClose()).as("the shared replay").isEqualTo(new WebSocketTestClient.Closed(1008, "share link revoked"));
                JsonObject dropped = grid.message("unsubscribed");
                assertThat(dropped.getString("camera")).isEqualTo("door");
                assertThat(dropped.getString("reason")).isEqualTo("share link revoked");
                assertThat(Duration.between(revoked, Instant.now())).as("the server notices within seconds").isLessThan(Duration.ofSeconds(5));

                long doorSeq = latest(server, "door");
                assertThat(alice.frameOf("door", doorSeq + 1).seq()).as("alice's own stream plays on").isGreaterThan(doorSeq);
                assertThat(streamLog.lines("share link revoked")).as("one line per ended stream").hasSize(2);
            }
        }
    }

    @Test
    void changingAUsersPasswordEndsTheirStreamOfAPrivateCamera() throws Exception {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(data));
             Publisher publisher = new Publisher(server)) {
            publisher.start();
            try (WebSocketTestClient door = WebSocketTestClient.connect(server, "/cameras/door/ws",
                    Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
                door.nextFrame();

                Htpasswd.add(data.resolve("users.htpasswd"), "alice", "a new password"); // as after a leak

                assertThat(door.awaitClose()).isEqualTo(new WebSocketTestClient.Closed(1008, "password changed"));
            }
        }
    }

    @Test
    void aSharedStreamWhoseCameraIsRemovedLeavesOnceAndStopsCheckingItsLink() throws Exception {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(data));
             CapturedLog streamLog = CapturedLog.of(StreamHandler.class);
             CapturedLog all = CapturedLog.all()) {
            server.publish("door", TestJpegs.solid(64, 48, Color.RED));
            JsonObject share = share(server, "door", "3s");
            Instant expires = Instant.parse(share.getString("expires"));
            try (MjpegReader sharedStream = MjpegReader.open(server.port(), "/cameras/door/stream.mjpg?share=" + share.getString("token"))) {
                sharedStream.next();
                assertThat(server.server().cameras().remove("door")).isTrue();

                assertThat(readToTheEnd(sharedStream)).as("the stream of a removed camera ends").isInstanceOf(IOException.class)
                        .isNotInstanceOf(SocketTimeoutException.class);
                Await.until(() -> streamLog.lines("MJPEG viewer left camera door").size() == 1, Duration.ofSeconds(10),
                        "the viewer's leaving said once");
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 2_000); // past the link's end
                assertThat(streamLog.lines("share link expired")).as("no check left running for a stream that has ended").isEmpty();
                assertThat(streamLog.lines("viewer left")).hasSize(1);
                assertThat(all.lines("Unhandled exception")).isEmpty();
            }
        }
    }

    @Test
    void removingAUserEndsTheirStreamsOfAPrivateCameraNotOfAPublicOne() throws Exception {
        try (TestServer server = recordingDoor();
             CapturedLog streamLog = CapturedLog.of(StreamHandler.class);
             Publisher publisher = new Publisher(server)) {
            publisher.start();
            Thread.sleep(1_000); // a second of recordings to replay, slowly
            Map<String, String> alice = Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD));
            try (WebSocketTestClient door = WebSocketTestClient.connect(server, "/cameras/door/ws", alice);
                 WebSocketTestClient replay = WebSocketTestClient.connect(server, "/cameras/door/archive/play.ws?speed=0.1", alice);
                 WebSocketTestClient yard = WebSocketTestClient.connect(server, "/cameras/yard/ws", alice);
                 WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws", alice)) {
                grid.send("{\"subscribe\":\"door\"}");
                door.nextFrame();
                replay.nextFrame();
                yard.nextFrame();
                grid.frameOf("door", 0);

                StringWriter out = new StringWriter();
                CommandLine cli = Livecam.commandLine();
                cli.setOut(new PrintWriter(out));
                assertThat(cli.execute("users", "remove", "alice", "--users", data.resolve("users.htpasswd").toString())).isZero();
                Instant removed = Instant.now();

                assertThat(door.awaitClose()).as("her stream of door").isEqualTo(new WebSocketTestClient.Closed(1008, "user removed"));
                assertThat(replay.awaitClose()).as("her replay of door").isEqualTo(new WebSocketTestClient.Closed(1008, "user removed"));
                assertThat(grid.awaitClose()).as("her grid socket").isEqualTo(new WebSocketTestClient.Closed(1008, "user removed"));
                assertThat(Duration.between(removed, Instant.now())).as("the server notices within seconds").isLessThan(Duration.ofSeconds(5));
                long yardSeq = latest(server, "yard");
                assertThat(yard.frameOf("yard", yardSeq + 1).seq()).as("a public camera plays on").isGreaterThan(yardSeq);
                assertThat(streamLog.lines("user removed")).as("one line per ended stream").hasSize(1);
            }
        }
    }

    /** What reading {@code stream} on until its end threw (a timeout after 10 s if it never ends). */
    private static Throwable readToTheEnd(MjpegReader stream) throws IOException {
        stream.timeoutMillis(10_000);
        long giveUp = System.nanoTime() + 15_000_000_000L;
        return catchThrowable(() -> {
            while (System.nanoTime() < giveUp) {
                stream.next();
            }
        });
    }

    /** The server with every frame of {@code door} recorded, kept a week. */
    private TestServer recordingDoor() {
        RecordConfig record = new RecordConfig(Set.of("door"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        return TestServer.start(data, c -> PrivateCameras.setup(data).apply(c).withRecord(record));
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
