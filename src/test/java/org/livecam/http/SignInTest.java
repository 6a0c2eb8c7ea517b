package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.as;

import java.awt.Color;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.access.Gatekeeper;
import org.livecam.config.AccessRule;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The sign-in form, the session cookie it sets (for pages, streams and sockets), sign-out, and guessing passwords. */
class SignInTest {
    @TempDir
    Path users;
    @TempDir
    Path data;

    @Test
    void theFormSetsASessionCookieThatOpensPrivateCamerasAndSurvivesARestart() throws Exception {
        String cookie;
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(users))) {
            server.publish("door", TestJpegs.solid(64, 48, Color.RED));
            HttpResponse<String> signedIn = login(server, "alice", ALICE_PASSWORD, "/cameras/door");

            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/cameras/door");
            String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("livecam_session=")).findFirst().orElseThrow();
            assertThat(setCookie).containsIgnoringCase("; HttpOnly").contains("SameSite=Lax").contains("Path=/")
                    .contains("Max-Age=" + 30L * 24 * 3600).doesNotContainIgnoringCase("Secure");
            cookie = setCookie.substring(0, setCookie.indexOf(';'));

            assertThat(PrivateCameras.get(server, "/cameras/door", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(PrivateCameras.get(server, "/cameras/door/stream.mjpg", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(PrivateCameras.upgrade(server, "/cameras/door/ws", "Cookie", cookie)).isEqualTo(101);
            assertThat(PrivateCameras.upgrade(server, "/cameras/door/ws", "Cookie", "livecam_session=forged." + cookie.substring(16)))
                    .isEqualTo(401);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(Gatekeeper.SESSION_KEY_FILE))))
                .isEqualTo("rw-------");
        try (TestServer restarted = TestServer.start(data, PrivateCameras.setup(users))) {
            restarted.publish("door", TestJpegs.solid(64, 48, Color.RED));
            assertThat(PrivateCameras.get(restarted, "/cameras/door/snapshot.jpg", "Cookie", cookie).statusCode())
                    .as("the session outlives the server").isEqualTo(200);

            HttpResponse<String> out = PrivateCameras.get(restarted, "/logout", "Cookie", cookie);
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("livecam_session=;") && c.contains("Max-Age=0"));
        }
    }

    @Test
    void aWrongPasswordGoesBackToTheFormAndSetsNoCookie() {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(users))) {
            HttpResponse<String> refused = login(server, "alice", "wrong", "/cameras/door");
            assertThat(refused.statusCode()).isEqualTo(303);
            assertThat(refused.headers().firstValue("Location")).hasValue("/login?failed=1&next=%2Fcameras%2Fdoor");
            assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(login(server, "alice", ALICE_PASSWORD, "https://elsewhere.example/").headers().firstValue("Location"))
                    .as("never sent to another site").hasValue("/");
            assertThat(PrivateCameras.get(server, "/login").body()).contains("<form").contains("password");
        }
    }

    @Test
    void aChangedPasswordEndsTheSessionsOfBefore() throws Exception {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(users))) {
            server.publish("door", TestJpegs.solid(64, 48, Color.RED));
            String setCookie = login(server, "alice", ALICE_PASSWORD, "/").headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg", "Cookie", cookie).statusCode()).isEqualTo(200);

            org.livecam.testing.Htpasswd.add(users.resolve("users.htpasswd"), "alice", "a new password");

            org.livecam.testing.Await.until(() -> PrivateCameras.get(server, "/cameras/door/snapshot.jpg", "Cookie", cookie).statusCode() == 401,
                    java.time.Duration.ofSeconds(10), "the old session refused");
        }
    }

    @Test
    void moreThanTenWrongPasswordsFromOneAddressGet429UntilTheMinuteIsOver() throws Exception {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(users));
             CapturedLog log = CapturedLog.all()) {
            server.publish("door", TestJpegs.solid(64, 48, Color.RED));
            server.publish("yard", TestJpegs.solid(64, 48, Color.GREEN));
            List<Integer> statuses = new java.util.ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 20; i++) {
                last = i % 2 == 0
                        ? PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("alice", "guess " + i))
                        : login(server, "alice", "guess " + i, "/");
                statuses.add(last.statusCode());
            }
            assertThat(statuses.subList(0, 10)).containsOnly(401, 303);
            assertThat(statuses.subList(10, 20)).containsOnly(429);
            long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(PrivateCameras.get(server, "/cameras/door/snapshot.jpg", as("alice", ALICE_PASSWORD)).statusCode())
                    .as("even the right password waits out the minute").isEqualTo(429);
            assertThat(PrivateCameras.get(server, "/cameras/yard/snapshot.jpg").statusCode())
                    .as("public cameras stay open to that address").isEqualTo(200);
            assertThat(log.lines("failed sign-ins from 127.0.0.1")).hasSize(1);
        }
    }

    @Test
    void withAccessPrivateTheGridPageAsksToSignInFirst() {
        try (TestServer server = TestServer.start(data, PrivateCameras.setup(users, a -> a.withDefaultRule(AccessRule.PRIVATE)))) {
            HttpResponse<String> grid = PrivateCameras.get(server, "/");
            assertThat(grid.statusCode()).isEqualTo(302);
            assertThat(grid.headers().firstValue("Location")).hasValue("/login?next=%2F");
            assertThat(PrivateCameras.get(server, "/", as("bob", PrivateCameras.BOB_PASSWORD)).statusCode()).isEqualTo(200);
        }
    }

    static HttpResponse<String> login(TestServer server, String user, String password, String next) {
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&next=" + encode(next);
        return server.send(HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
