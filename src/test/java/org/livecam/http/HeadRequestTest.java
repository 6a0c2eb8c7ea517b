package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livecam.frame.Camera;
import org.livecam.testing.RawHttp;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/**
 * HEAD, as uptime monitors and link checkers send it: GET's status and headers, no body, nobody
 * left watching. Clients throw a HEAD answer's body away, so "no body" is checked on a raw socket.
 */
class HeadRequestTest {
    private static final List<String> SAME_HEADERS = List.of("content-type", "cache-control", "etag", "last-modified",
            "x-frame-sequence", "x-frame-stale", "access-control-allow-origin");

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/test", "/cameras/live", "/cameras/live/snapshot.jpg", "/live.jpeg", "/?action=snapshot",
        "/api/cameras", "/api/cameras/live", "/healthz", "/cameras/nosuch/snapshot.jpg", "/no/such/page"})
    void headAnswersWithTheStatusAndHeadersOfGetAndNoBody(String path) {
        server.publish("live", TestJpegs.solid(64, 48, Color.RED));
        HttpResponse<byte[]> get = server.get(path);
        HttpResponse<byte[]> head = head(path);

        assertThat(head.statusCode()).isEqualTo(get.statusCode());
        for (String name : SAME_HEADERS) {
            assertThat(head.headers().firstValue(name)).as(name).isEqualTo(get.headers().firstValue(name));
        }
    }

    /**
     * Read on a raw socket, since java.net.http and curl -I both drop a body after a HEAD answer:
     * right after its head must come the head of the next pipelined answer, not a body.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/cameras/live/snapshot.jpg", "/live.jpeg", "/api/cameras", "/cameras/live/stream.mjpg",
        "/cameras/live/stream.mjpg?width=320"})
    void headSendsNothingAfterItsHead(String path) throws Exception {
        server.publish("live", TestJpegs.solid(64, 48, Color.RED));
        List<RawHttp.Response> answers = RawHttp.pipelined(server.port(), "HEAD " + path + " HTTP/1.1", "GET /healthz HTTP/1.1");

        assertThat(answers.get(0).status()).isEqualTo(200);
        assertThat(answers.get(1).status()).as("the answer after HEAD's head").isEqualTo(200);
        assertThat(answers.get(1).body()).isEqualTo("ok\n");
    }

    @Test
    void headOfASnapshotSaysHowLongTheJpegIs() {
        byte[] jpeg = TestJpegs.solid(64, 48, Color.BLUE);
        server.publish("live", jpeg);
        assertThat(head("/live.jpeg").headers().firstValueAsLong("Content-Length")).hasValue(jpeg.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cameras/live/stream.mjpg", "/cameras/live/stream.mjpg?width=320", "/?action=stream"})
    void headOfAStreamIsItsHeadersThenTheEndWithNobodyLeftWatching(String path) {
        server.publish("live", TestJpegs.solid(64, 48, Color.GREEN));
        HttpResponse<byte[]> head = head(path); // would never end if the stream began

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/x-mixed-replace"));
        Camera camera = server.server().cameras().get("live").orElseThrow();
        assertThat(camera.demand()).as("subscribers after HEAD").isZero();
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).framesSent()).isZero();
    }

    @Test
    void headOfAStreamOfAnUnknownCameraIs404() {
        assertThat(head("/cameras/nosuch/stream.mjpg").statusCode()).isEqualTo(404);
    }

    @Test
    void curlDashIGetsTheSnapshotAndStreamHeads() throws Exception {
        server.publish("live", TestJpegs.solid(64, 48, Color.RED));
        assertThat(curlHead("/live.jpeg")).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: image/jpeg")
                .containsIgnoringCase("x-frame-age:");
        assertThat(curlHead("/cameras/live/stream.mjpg")).startsWith("HTTP/1.1 200")
                .containsIgnoringCase("content-type: multipart/x-mixed-replace");
        assertThat(curlHead("/")).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/html");
    }

    @Test
    void headOfASnapshotOverHttp2HasNoBodyEither() throws Exception {
        server.publish("live", TestJpegs.solid(64, 48, Color.RED));
        HttpResponse<byte[]> head = server.client().send(HttpRequest.newBuilder(server.uri("/live.jpeg"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private static String curlHead(String path) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-I", "--max-time", "10", server.uri(path).toString())
                .redirectErrorStream(true).start();
        try {
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("curl -I %s: %s", path, out).isZero();
            return out;
        } finally {
            curl.destroyForcibly();
        }
    }

    private static HttpResponse<byte[]> head(String path) {
        try {
            // HTTP/1.1, as monitors and curl -I send it: over h2c Vert.x 5 sends a HEAD answer's body.
            return server.client().send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
