package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.BOB_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.AccessRule;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/**
 * Every viewing URL of a private camera, asked by someone not signed in (401, or the sign-in page
 * for pages), by a user not allowed on it (404, as an unknown camera), and by a user allowed on it
 * (200), with HTTP Basic as curl, ffmpeg and Home Assistant send it.
 */
class ViewerAccessTest {
    @TempDir
    static Path users;

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension(c -> PrivateCameras.setup(users).apply(c));

    enum Kind { PAGE, MEDIA, STREAM, SOCKET }

    record Url(String path, Kind kind) {
    }

    /** Every URL that shows camera door (the default camera too, behind the tutorial's and mjpg-streamer's URLs). */
    static final List<Url> DOOR = List.of(
            new Url("/cameras/door", Kind.PAGE),
            new Url("/test", Kind.PAGE),
            new Url("/cameras/door/snapshot.jpg", Kind.MEDIA),
            new Url("/cameras/door/snapshot.jpg?after=0", Kind.MEDIA),
            new Url("/cameras/door/snapshot.jpg?width=320", Kind.MEDIA),
            new Url("/api/cameras/door", Kind.MEDIA),
            new Url("/live.jpeg", Kind.MEDIA),
            new Url("/live320x240.jpeg", Kind.MEDIA),
            new Url("/?action=snapshot", Kind.MEDIA),
            new Url("/cameras/door/stream.mjpg", Kind.STREAM),
            new Url("/cameras/door/stream.mjpg?width=320", Kind.STREAM),
            new Url("/?action=stream", Kind.STREAM),
            new Url("/cameras/door/ws", Kind.SOCKET));

    @BeforeEach
    void publish() {
        server.publish("door", TestJpegs.solid(320, 240, Color.RED));
        server.publish("yard", TestJpegs.solid(320, 240, Color.GREEN));
        server.publish("office", TestJpegs.solid(320, 240, Color.BLUE));
    }

    @Test
    void someoneNotSignedInIsAskedToSignInOnEveryViewingUrl() {
        for (Url url : DOOR) {
            if (url.kind == Kind.SOCKET) {
                assertThat(PrivateCameras.upgrade(server, url.path)).as(url.path).isEqualTo(401);
                continue;
            }
            HttpResponse<String> response = PrivateCameras.get(server, url.path);
            if (url.kind == Kind.PAGE) {
                assertThat(response.statusCode()).as(url.path).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).as(url.path).hasValueSatisfying(
                        location -> assertThat(location).startsWith("/login?next="));
            } else {
                assertThat(response.statusCode()).as(url.path).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(url.path).hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Basic realm=\"livecam\""));
                assertThat(response.body()).as(url.path).doesNotContain("door");
            }
        }
    }

    @Test
    void aUserNotAllowedOnTheCameraIsToldItDoesNotExist() {
        for (Url url : DOOR) {
            String[] bob = as("bob", BOB_PASSWORD);
            if (url.kind == Kind.SOCKET) {
                assertThat(PrivateCameras.upgrade(server, url.path, bob)).as(url.path).isEqualTo(404);
                continue;
            }
            HttpResponse<String> response = PrivateCameras.get(server, url.path, bob);
            assertThat(response.statusCode()).as(url.path).isEqualTo(404);
            if (url.kind != Kind.PAGE) {
                HttpResponse<String> unknown = PrivateCameras.get(server, url.path.replace("door", "nosuchcamera"), bob);
                if (url.path.contains("door")) {
                    assertThat(response.body()).as(url.path + ": the same answer as for an unknown camera")
                            .isEqualTo(unknown.body().replace("nosuchcamera", "door"));
                }
            }
        }
    }

    @Test
    void theUserAllowedOnTheCameraWatchesItOnEveryViewingUrl() {
        for (Url url : DOOR) {
            String[] alice = as("alice", ALICE_PASSWORD);
            if (url.kind == Kind.SOCKET) {
                assertThat(PrivateCameras.upgrade(server, url.path, alice)).as(url.path).isEqualTo(101);
                continue;
            }
            HttpResponse<String> response = PrivateCameras.get(server, url.path, alice);
            assertThat(response.statusCode()).as(url.path).isEqualTo(200);
            String type = response.headers().firstValue("Content-Type").orElse("");
            switch (url.kind) {
                case PAGE -> assertThat(type).as(url.path).startsWith("text/html");
                case STREAM -> assertThat(type).as(url.path).startsWith("multipart/x-mixed-replace");
                default -> assertThat(type).as(url.path).matches("image/jpeg|application/json.*");
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedEvenOnAPublicCamera() {
        String[] wrong = as("alice", "not " + ALICE_PASSWORD);
        for (String path : List.of("/cameras/door/snapshot.jpg", "/cameras/yard/snapshot.jpg", "/cameras/door/stream.mjpg")) {
            HttpResponse<String> response = PrivateCameras.get(server, path, wrong);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        }
        assertThat(PrivateCameras.upgrade(server, "/cameras/door/ws", wrong)).isEqualTo(401);
    }

    @Test
    void publicCamerasStayOpenToEveryone() {
        assertThat(PrivateCameras.get(server, "/cameras/yard/snapshot.jpg").statusCode()).isEqualTo(200);
        assertThat(PrivateCameras.get(server, "/cameras/yard").statusCode()).isEqualTo(200);
        assertThat(PrivateCameras.get(server, "/").statusCode()).isEqualTo(200);
        assertThat(PrivateCameras.upgrade(server, "/cameras/yard/ws")).isEqualTo(101);
    }

    @Test
    void anUnknownCameraLooksLikeAPrivateOneToSomeoneNotSignedIn() {
        HttpResponse<String> door = PrivateCameras.get(server, "/cameras/door/snapshot.jpg");
        HttpResponse<String> unknown = PrivateCameras.get(server, "/cameras/nosuchcamera/snapshot.jpg");
        assertThat(unknown.statusCode()).isEqualTo(door.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(door.body());
    }

    @Test
    void theCameraListShowsOnlyWhatTheCallerMayWatch() {
        assertThat(ids(PrivateCameras.get(server, "/api/cameras"))).containsExactlyInAnyOrder("yard");
        assertThat(PrivateCameras.get(server, "/api/cameras").body()).doesNotContain("door").doesNotContain("office");
        assertThat(ids(PrivateCameras.get(server, "/api/cameras", as("bob", BOB_PASSWORD)))).containsExactlyInAnyOrder("yard", "office");
        assertThat(ids(PrivateCameras.get(server, "/api/cameras", as("alice", ALICE_PASSWORD))))
                .containsExactlyInAnyOrder("yard", "office", "door");
    }

    @Test
    void theGridSocketServesOnlyCamerasTheCallerMayWatch() throws Exception {
        try (WebSocketTestClient anonymous = WebSocketTestClient.connect(server, "/ws")) {
            anonymous.send("{\"subscribe\":\"door\"}");
            JsonObject refused = anonymous.message("error");
            assertThat(refused.getString("error")).isEqualTo("no camera 'door'");
            anonymous.send("{\"subscribe\":\"yard\"}");
            anonymous.message("subscribed");
            assertThat(anonymous.nextFrame().camera()).isEqualTo("yard");
        }
        try (WebSocketTestClient alice = WebSocketTestClient.connect(server, "/ws",
                java.util.Map.of("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)))) {
            alice.send("{\"subscribe\":\"door\"}");
            alice.message("subscribed");
            assertThat(alice.nextFrame().camera()).isEqualTo("door");
        }
    }

    @Test
    void aCameraWithItsOwnPublishTokenTakesFramesOnlyFromItOrTheServerToken(@TempDir Path otherData) throws Exception {
        try (TestServer own = TestServer.start(otherData, c -> PrivateCameras.setup(users, a -> a.withPublishToken("door", "door-only-token"))
                .apply(c))) {
            byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
            assertThat(post(own, "door", "door-only-token", jpeg)).isEqualTo(200);
            assertThat(post(own, "yard", "door-only-token", jpeg)).isEqualTo(401);
            assertThat(post(own, "yard", TestServer.TOKEN, jpeg)).isEqualTo(200);
            assertThat(post(own, "door", TestServer.TOKEN, jpeg)).isEqualTo(200);
        }
    }

    private static int post(TestServer server, String camera, String token, byte[] jpeg) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri("/cameras/" + camera + "/frame"))
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(jpeg)).build()).statusCode();
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("cameras").stream()
                .map(c -> ((JsonObject) c).getString("id")).toList();
    }
}
