package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.BOB_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.slf4j.LoggerFactory;

/**
 * Runs every flow that carries a secret (Basic credentials right and wrong, the sign-in form,
 * session cookies, share links, publish tokens, the tutorial's ?password=, a pulled source with
 * user:pass@ and ?share=) with livecam logging at DEBUG, and then looks for each secret in
 * everything any logger wrote.
 */
class SecretsInLogsTest {
    private static final String CAMERA_TOKEN = "door-camera-publish-token";

    @TempDir
    Path users;
    @TempDir
    Path data;
    @TempDir
    Path relayData;

    @Test
    void noSecretUsedInAnyFlowIsEverLogged() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ALICE_PASSWORD, BOB_PASSWORD, TestServer.TOKEN, TestServer.PASSWORD,
                CAMERA_TOKEN, "guess-number", Htpasswd.basic("alice", ALICE_PASSWORD).substring(6)));
        Logger livecam = (Logger) LoggerFactory.getLogger("org.livecam");
        Level before = livecam.getLevel();
        livecam.setLevel(Level.DEBUG);
        try (CapturedLog log = CapturedLog.all();
             TestServer server = TestServer.start(data, PrivateCameras.setup(users, a -> a.withPublishToken("door", CAMERA_TOKEN)))) {
            byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
            post(server, "/cameras/door/frame", "Bearer " + CAMERA_TOKEN, jpeg);
            post(server, "/cameras/door/frame", "Bearer " + CAMERA_TOKEN + "-wrong", jpeg);
            post(server, "/?password=" + TestServer.PASSWORD, null, jpeg);
            post(server, "/?password=" + TestServer.PASSWORD + "-wrong", null, jpeg);
            server.publish("door", jpeg);

            PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("alice", ALICE_PASSWORD));
            PrivateCameras.get(server, "/cameras/door/stream.mjpg", as("alice", ALICE_PASSWORD));
            PrivateCameras.upgrade(server, "/ws", as("alice", ALICE_PASSWORD));
            PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("bob", BOB_PASSWORD));
            PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("alice", ALICE_PASSWORD + "-wrong"));

            var signedIn = SignInTest.login(server, "alice", ALICE_PASSWORD, "/cameras/door");
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            String cookieValue = cookie.substring("livecam_session=".length(), cookie.indexOf(';'));
            secrets.add(cookieValue);
            PrivateCameras.get(server, "/cameras/door", "Cookie", "livecam_session=" + cookieValue);
            PrivateCameras.upgrade(server, "/cameras/door/ws", "Cookie", "livecam_session=" + cookieValue);
            PrivateCameras.get(server, "/cameras/door", "Cookie", "livecam_session=" + cookieValue + "tampered");

            var shared = server.send(HttpRequest.newBuilder(server.uri("/api/cameras/door/share?for=1h"))
                    .header("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build());
            String share = new JsonObject(shared.body()).getString("token");
            secrets.add(share);
            PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + share);
            PrivateCameras.get(server, "/cameras/door?share=" + share);
            PrivateCameras.get(server, "/cameras/nosuch/stream.mjpg?share=" + share);

            // A second server pulls the private camera: with user:pass@, with a wrong password, and with ?share=.
            String origin = "http://127.0.0.1:" + server.port() + "/cameras/door/stream.mjpg";
            String withShare = origin + "?share=" + URLEncoder.encode(share, StandardCharsets.UTF_8);
            try (TestServer relay = TestServer.start(relayData, c -> c.withHttp(h -> h.withSnapshotWait(Duration.ofSeconds(1)))
                    .withCamera(CameraConfig.onDemand("byuser", origin.replace("http://", "http://alice:" + enc(ALICE_PASSWORD) + "@"), Duration.ofSeconds(5)))
                    .withCamera(CameraConfig.onDemand("wrong", origin.replace("http://", "http://alice:guess-number@"), Duration.ofSeconds(5)))
                    .withCamera(CameraConfig.onDemand("byshare", withShare, Duration.ofSeconds(5))))) {
                for (String camera : List.of("byuser", "byshare")) {
                    Await.until(() -> relay.get("/cameras/" + camera + "/snapshot.jpg?after=0").statusCode() == 200,
                            Duration.ofSeconds(30), camera + " pulled");
                }
                Await.until(() -> {
                    relay.get("/cameras/wrong/snapshot.jpg?after=0");
                    return new String(relay.get("/api/cameras/wrong").body(), StandardCharsets.UTF_8).contains("401");
                }, Duration.ofSeconds(30), "the refused pull reported");
                String api = new String(relay.get("/api/cameras").body(), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(api).as("the relay's camera list").doesNotContain(secret);
                }
            }

            for (int i = 0; i < 12; i++) {
                PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("alice", "guess-number" + i));
            }
            assertThat(log.lines("failed sign-ins")).hasSize(1);

            List<String> lines = log.lines(Level.ALL);
            assertThat(lines).as("something was logged at all").hasSizeGreaterThan(10);
            for (String line : lines) {
                for (String secret : secrets) {
                    assertThat(line).as("a logged line").doesNotContain(secret);
                }
            }
        } finally {
            livecam.setLevel(before);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void post(TestServer server, String path, String authorization, byte[] jpeg) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        server.send(request.build());
    }
}
