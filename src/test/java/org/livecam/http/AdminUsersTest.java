package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.http.PrivateCameras.ALICE_PASSWORD;
import static org.livecam.http.PrivateCameras.BOB_PASSWORD;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestServer;

/**
 * {@code --admins}: users (made by the real {@code htpasswd -B}) who, signed in with Basic or the
 * session cookie of /login, may PUT and DELETE cameras and scrape /metrics; other users get 403,
 * anonymous callers 401 with a challenge, and the tokens keep working.
 */
class AdminUsersTest {
    private static final String ADMIN_TOKEN = "admin-secret";
    private static final String METRICS_TOKEN = "metrics-secret";
    private static final String CAMERA = "{\"source\": \"test:?size=160x90&fps=5\"}";

    @TempDir
    Path users;
    @TempDir
    Path data;

    private TestServer serve(boolean withTokens) {
        return TestServer.start(data, PrivateCameras.setup(users, a -> a.withAdmins(List.of("alice")))
                .andThen(c -> withTokens ? c.withHttp(h -> h.withAdminToken(ADMIN_TOKEN).withMetricsToken(METRICS_TOKEN)) : c)::apply);
    }

    @Test
    void anAdminSignedInWithBasicManagesCamerasAndScrapesMetrics() {
        try (TestServer server = serve(true)) {
            String[] alice = PrivateCameras.as("alice", ALICE_PASSWORD);
            HttpResponse<String> added = put(server, "yard", alice);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(put(server, "yard", alice).statusCode()).as("replaced").isEqualTo(200);
            HttpResponse<String> metrics = get(server, "/metrics", alice);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("livecam_frames_published_total");
            assertThat(delete(server, "yard", alice).statusCode()).isEqualTo(204);
            assertThat(get(server, "/api/cameras/yard", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anAdminsSessionCookieFromTheSignInPageWorksToo() {
        try (TestServer server = serve(false)) {
            String[] alice = {"Cookie", cookie(server, "alice", ALICE_PASSWORD)};
            assertThat(put(server, "yard", alice).statusCode()).isEqualTo(201);
            assertThat(get(server, "/metrics", alice).statusCode()).isEqualTo(200);
            assertThat(delete(server, "yard", alice).statusCode()).isEqualTo(204);

            String[] bob = {"Cookie", cookie(server, "bob", BOB_PASSWORD)};
            HttpResponse<String> refused = put(server, "porch", bob);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("bob is not an admin").contains("--admins");
            assertThat(get(server, "/metrics", bob).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aUserWhoIsNotAnAdminGets403AndChangesNothing() {
        try (TestServer server = serve(true)) {
            String[] bob = PrivateCameras.as("bob", BOB_PASSWORD);
            HttpResponse<String> put = put(server, "yard", bob);
            assertThat(put.statusCode()).isEqualTo(403);
            assertThat(put.body()).contains("user bob is not an admin").contains("--admins").contains("--admin-token");
            assertThat(get(server, "/api/cameras/yard", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(404);

            assertThat(put(server, "yard", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(201);
            assertThat(delete(server, "yard", bob).statusCode()).isEqualTo(403);
            assertThat(get(server, "/api/cameras/yard", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).as("still there").isEqualTo(200);

            HttpResponse<String> metrics = get(server, "/metrics", bob);
            assertThat(metrics.statusCode()).isEqualTo(403);
            assertThat(metrics.body()).contains("bob is not an admin").doesNotContain("livecam_");
        }
    }

    @Test
    void anonymousCallersAndWrongPasswordsGet401WithAChallengeForEachWayIn() {
        try (TestServer server = serve(true)) {
            for (HttpResponse<String> refused : List.of(put(server, "yard"), delete(server, "fixed"), get(server, "/metrics"))) {
                assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.request().uri()).isEqualTo(401);
                assertThat(refused.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm=\"livecam\""))
                        .anyMatch(v -> v.startsWith("Bearer"));
                assertThat(refused.body()).contains("--admins").doesNotContain("livecam_");
            }
            String[] wrong = PrivateCameras.as("alice", "not her password");
            assertThat(put(server, "yard", wrong).statusCode()).isEqualTo(401);
            assertThat(get(server, "/metrics", wrong).statusCode()).isEqualTo(401);
            assertThat(get(server, "/api/cameras/yard", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theTokensKeepWorkingBesideTheAdmins() {
        try (TestServer server = serve(true)) {
            String[] admin = {"Authorization", "Bearer " + ADMIN_TOKEN};
            assertThat(put(server, "yard", admin).statusCode()).isEqualTo(201);
            assertThat(delete(server, "yard", admin).statusCode()).isEqualTo(204);
            assertThat(put(server, "yard", "Authorization", "Bearer wrong").statusCode()).isEqualTo(403);
            assertThat(get(server, "/metrics", "Authorization", "Bearer " + METRICS_TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics", "Authorization", "Bearer " + ADMIN_TOKEN).statusCode())
                    .as("each token opens its own route only").isEqualTo(401);
        }
    }

    @Test
    void withAdminsAndNoTokensMetricsNeedAnAdminAndBearersAreAnonymous() {
        try (TestServer server = serve(false)) {
            HttpResponse<String> anonymous = get(server, "/metrics");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"livecam\"");
            assertThat(put(server, "yard", "Authorization", "Bearer anything").statusCode()).isEqualTo(401);
            assertThat(get(server, "/metrics", PrivateCameras.as("alice", ALICE_PASSWORD)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aShareLinkNeverMakesAnAdmin() {
        try (TestServer server = serve(false)) {
            HttpResponse<String> shared = server.send(HttpRequest.newBuilder(server.uri("/api/cameras/yard/share"))
                    .header("Authorization", Htpasswd.basic("alice", ALICE_PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(shared.statusCode()).isEqualTo(201);
            String token = new io.vertx.core.json.JsonObject(shared.body()).getString("token");
            assertThat(get(server, "/metrics?share=" + token).statusCode()).isEqualTo(401);
            assertThat(put(server, "yard?share=" + token).statusCode()).isEqualTo(401);
        }
    }

    private static String cookie(TestServer server, String user, String password) {
        HttpResponse<String> signedIn = SignInTest.login(server, user, password, "/");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ViewerAuth.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> put(TestServer server, String id, String... headers) {
        return server.send(with(HttpRequest.newBuilder(server.uri("/api/cameras/" + id)), headers)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(CAMERA)).build());
    }

    private static HttpResponse<String> delete(TestServer server, String id, String... headers) {
        return server.send(with(HttpRequest.newBuilder(server.uri("/api/cameras/" + id)), headers).DELETE().build());
    }

    private static HttpResponse<String> get(TestServer server, String path, String... headers) {
        return server.send(with(HttpRequest.newBuilder(server.uri(path)), headers).GET().build());
    }

    private static HttpRequest.Builder with(HttpRequest.Builder request, String... headers) {
        return headers.length == 0 ? request : request.headers(headers);
    }
}
