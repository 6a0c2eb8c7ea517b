package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.BOB_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.Await;
import org.livecam.testing.ManualClock;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** Share links: made by a user allowed on a camera, opening that camera alone to anyone, until they expire or are revoked. */
class ShareLinkTest {
    @TempDir
    Path users;
    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock();

    private TestServer start() {
        clock.set(Instant.now());
        TestServer server = TestServer.start(data, PrivateCameras.setup(users, a -> a.withClock(clock)));
        for (String camera : List.of("door", "office", "yard")) {
            server.publish(camera, TestJpegs.solid(64, 48, Color.RED));
        }
        return server;
    }

    @Test
    void aShareLinkOpensItsCameraOnEveryViewingUrlWithoutAnAccount() {
        try (TestServer server = start()) {
            JsonObject share = share(server, "door", "1h", as("alice", ALICE_PASSWORD));
            String token = share.getString("token");
            assertThat(share.getString("url")).isEqualTo("http://127.0.0.1:" + server.port() + "/cameras/door?share=" + token);
            assertThat(Instant.parse(share.getString("expires"))).isBetween(clock.instant().plusSeconds(3590), clock.instant().plusSeconds(3600));

            HttpResponse<String> page = PrivateCameras.get(server, "/cameras/door?share=" + token);
            assertThat(page.statusCode()).isEqualTo(200);
            String shareCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("livecam_share=")).findFirst().orElseThrow();
            assertThat(shareCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax");
            for (String path : List.of("/cameras/door/snapshot.jpg", "/cameras/door/snapshot.jpg?width=320&x=1", "/cameras/door/stream.mjpg",
                    "/api/cameras/door", "/live.jpeg", "/?action=snapshot")) {
                String url = path + (path.contains("?") ? "&" : "?") + "share=" + token;
                assertThat(PrivateCameras.get(server, url).statusCode()).as(url).isEqualTo(200);
            }
            assertThat(PrivateCameras.upgrade(server, "/cameras/door/ws?share=" + token)).isEqualTo(101);
            String cookie = shareCookie.substring(0, shareCookie.indexOf(';'));
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg", "Cookie", cookie).statusCode())
                    .as("the page's own requests carry the share in its cookie").isEqualTo(200);
            assertThat(PrivateCameras.get(server, "/api/cameras", "Cookie", cookie).body()).contains("\"door\"").doesNotContain("office");
        }
    }

    @Test
    void aShareLinkOpensNoOtherCameraAndNeverPublishes() {
        try (TestServer server = start()) {
            String token = share(server, "door", "1h", as("alice", ALICE_PASSWORD)).getString("token");

            assertThat(PrivateCameras.get(server, "/cameras/office/snapshot.jpg?share=" + token).statusCode()).isEqualTo(401);
            assertThat(PrivateCameras.upgrade(server, "/cameras/office/ws?share=" + token)).isEqualTo(401);
            String forged = forgeCamera(token, "office");
            assertThat(PrivateCameras.get(server, "/cameras/office/snapshot.jpg?share=" + forged).statusCode()).isEqualTo(401);
            assertThat(server.send(HttpRequest.newBuilder(server.uri("/cameras/door/frame?share=" + token))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.BLUE))).build()).statusCode())
                    .isEqualTo(401);
            assertThat(share(server, "door", "1h", "X-Nothing", "1")).isNull();
            assertThat(PrivateCameras.get(server, "/api/cameras/door?share=" + token).body()).doesNotContain(token);
        }
    }

    @Test
    void onlyAUserAllowedOnTheCameraSharesItForAtMostAWeek() {
        try (TestServer server = start()) {
            assertThat(post(server, "/api/cameras/door/share?for=1h", as("bob", BOB_PASSWORD)).statusCode()).isEqualTo(404);
            assertThat(post(server, "/api/cameras/door/share?for=1h").statusCode()).isEqualTo(401);
            assertThat(post(server, "/api/cameras/door/share?for=8d", as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(400);
            assertThat(post(server, "/api/cameras/door/share?for=soon", as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(400);
            assertThat(post(server, "/api/cameras/office/share?for=7d", as("bob", BOB_PASSWORD)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aShareLinkIsRefusedOnceItExpires() {
        try (TestServer server = start()) {
            String token = share(server, "door", "24h", as("alice", ALICE_PASSWORD)).getString("token");
            clock.advance(Duration.ofHours(23));
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + token).statusCode()).isEqualTo(200);

            clock.advance(Duration.ofHours(1));

            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + token).statusCode()).isEqualTo(401);
            assertThat(PrivateCameras.get(server, "/cameras/door?share=" + token).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void revokeAllEndsEveryShareOfARunningServerButNoSession() throws Exception {
        try (TestServer server = start()) {
            String token = share(server, "door", "1h", as("alice", ALICE_PASSWORD)).getString("token");
            String setCookie = SignInTest.login(server, "alice", ALICE_PASSWORD, "/").headers().firstValue("Set-Cookie").orElseThrow();
            String session = setCookie.substring(0, setCookie.indexOf(';'));
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + token).statusCode()).isEqualTo(200);

            StringWriter out = new StringWriter();
            CommandLine cli = Livecam.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("share", "--revoke-all", "--data", data.toString())).isZero();
            assertThat(out.toString()).contains("revoked");

            Await.until(() -> PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + token).statusCode() == 401,
                    Duration.ofSeconds(10), "the share refused after --revoke-all");
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg", "Cookie", session).statusCode()).isEqualTo(200);
            String fresh = share(server, "door", "1h", as("alice", ALICE_PASSWORD)).getString("token");
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg?share=" + fresh).statusCode()).isEqualTo(200);
        }
    }

    /** The share's JSON, or null when refused. */
    private static JsonObject share(TestServer server, String camera, String lifetime, String... headers) {
        HttpResponse<String> response = post(server, "/api/cameras/" + camera + "/share?for=" + lifetime, headers);
        return response.statusCode() == 201 ? new JsonObject(response.body()) : null;
    }

    private static HttpResponse<String> post(TestServer server, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.send(request.build());
    }

    /** The token with another camera in its payload and the old signature. */
    private static String forgeCamera(String token, String camera) {
        int dot = token.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        String changed = payload.replace("\ndoor\n", "\n" + camera + "\n");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);
    }
}
