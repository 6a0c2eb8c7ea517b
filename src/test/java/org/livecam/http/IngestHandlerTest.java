package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.RawHttp;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/**
 * Publishing against the real server: the good ways answer with the frame's figures, and every
 * bad one gets a clear JSON error and leaves the served frame exactly as it was.
 */
class IngestHandlerTest {
    private static final int MAX_FRAME_BYTES = 8 * 1024;

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension(c -> c.withHttp(h -> h.withMaxFrameBytes(MAX_FRAME_BYTES)));

    @Test
    void postPublishesAFrameAndAnswersWithItsFigures() {
        HttpResponse<String> first = server.publish("post-cam", TestJpegs.solid(160, 120, Color.RED));
        HttpResponse<String> second = server.publish("post-cam", TestJpegs.solid(160, 120, Color.GREEN));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject answer = new JsonObject(second.body());
        assertThat(answer.getString("camera")).isEqualTo("post-cam");
        assertThat(answer.getLong("sequence")).isEqualTo(new JsonObject(first.body()).getLong("sequence") + 1);
        assertThat(answer.getInteger("width")).isEqualTo(160);
        assertThat(answer.getInteger("height")).isEqualTo(120);
        assertThat(TestJpegs.centre(server.get("/cameras/post-cam/snapshot.jpg").body()).getGreen()).isGreaterThan(200);
    }

    @Test
    void putPublishesAFrameToo() {
        byte[] jpeg = TestJpegs.solid(96, 64, Color.BLUE);
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/cameras/put-cam/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getString("camera")).isEqualTo("put-cam");
        assertThat(answer.getLong("sequence")).isEqualTo(1);
        assertThat(answer.getInteger("width")).isEqualTo(96);
        assertThat(answer.getInteger("height")).isEqualTo(64);
        assertThat(server.get("/cameras/put-cam/snapshot.jpg").body()).isEqualTo(jpeg);
    }

    @Test
    void aChunkedUploadWithinTheLimitIsPublished() throws Exception {
        byte[] jpeg = TestJpegs.solid(160, 120, Color.RED);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /cameras/chunked-ok/frame HTTP/1.1\r\n"
                + "Authorization: Bearer " + TestServer.TOKEN + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(jpeg, 500));
        assertThat(response.status()).isEqualTo(200);
        assertThat(server.get("/cameras/chunked-ok/snapshot.jpg").body()).isEqualTo(jpeg);
    }

    @Test
    void aBodyThatIsNotAJpegIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("not-jpeg");
        HttpResponse<String> response = server.publish("not-jpeg", "GIF89a, or anything but a JPEG".getBytes(StandardCharsets.US_ASCII));
        assertClearError(response, 400, 415);
        assertThat(response.body()).contains("SOI").doesNotContain("--data-binary");
        assertUnchanged("not-jpeg", before);
    }

    @Test
    void aMultipartFormUploadIsRefusedWithAHintToSendTheJpegAsTheBody() {
        byte[] jpeg = TestJpegs.solid(160, 120, Color.RED);
        String boundary = "------------------------d74496d66958873e"; // as curl -F frame=@frame.jpg sends it
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"frame\"; filename=\"frame.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/cameras/form-cam/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, jpeg, tail))).build());
        assertClearError(response, 415);
        assertThat(new JsonObject(response.body()).getString("error")).contains("SOI", "curl -F", "--data-binary");
        assertThat(server.get("/cameras/form-cam/snapshot.jpg").statusCode()).as("nothing was published").isNotEqualTo(200);
    }

    @Test
    void aTruncatedJpegIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("truncated");
        byte[] jpeg = TestJpegs.solid(160, 120, Color.BLUE);
        HttpResponse<String> response = server.publish("truncated", Arrays.copyOf(jpeg, jpeg.length - 10));
        assertClearError(response, 400, 415);
        assertThat(response.body()).contains("EOI");
        assertUnchanged("truncated", before);
    }

    @Test
    void aJpegWithoutSofIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("no-sof");
        byte[] noSof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0, (byte) 0xFF, (byte) 0xD9};
        HttpResponse<String> response = server.publish("no-sof", noSof);
        assertClearError(response, 400, 415);
        assertThat(response.body()).contains("SOF");
        assertUnchanged("no-sof", before);
    }

    @Test
    void anEmptyBodyIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("empty");
        assertClearError(server.publish("empty", new byte[0]), 400);
        assertUnchanged("empty", before);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        Served before = servedAfterGoodFrame("too-big");
        // Only the head goes out: the 413 must come without the server waiting for the body.
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /cameras/too-big/frame HTTP/1.1\r\n"
                + "Authorization: Bearer " + TestServer.TOKEN + "\r\nContent-Length: 50000000", new byte[0]);
        assertThat(response.status()).isEqualTo(413);
        assertThat(new JsonObject(response.body()).getString("error")).contains("limit");
        assertUnchanged("too-big", before);
    }

    @Test
    void aFrameOverTheLimitWithContentLengthIsRefusedAndChangesNothing() throws Exception {
        Served before = servedAfterGoodFrame("too-big-cl");
        byte[] big = noise(200, 200);
        assertThat(big.length).isGreaterThan(MAX_FRAME_BYTES);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /cameras/too-big-cl/frame HTTP/1.1\r\n"
                + "Authorization: Bearer " + TestServer.TOKEN + "\r\nContent-Length: " + big.length, big);
        assertThat(response.status()).isEqualTo(413);
        assertUnchanged("too-big-cl", before);
    }

    @Test
    void aChunkedFrameOverTheLimitIsRefusedAndChangesNothing() throws Exception {
        Served before = servedAfterGoodFrame("too-big-chunked");
        byte[] big = noise(200, 200);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /cameras/too-big-chunked/frame HTTP/1.1\r\n"
                + "Authorization: Bearer " + TestServer.TOKEN + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(big, 4000));
        assertThat(response.status()).isEqualTo(413);
        assertThat(new JsonObject(response.body()).getInteger("status")).isEqualTo(413);
        assertUnchanged("too-big-chunked", before);
    }

    @Test
    void aMissingTokenIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("no-token");
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/cameras/no-token/frame"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(160, 120, Color.BLUE))).build());
        assertClearError(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertUnchanged("no-token", before);
    }

    @Test
    void aWrongTokenIsRefusedAndChangesNothing() {
        Served before = servedAfterGoodFrame("wrong-token");
        for (String authorization : new String[] {"Bearer wrong-token", "Bearer " + TestServer.TOKEN + "x", "Basic dGVzdDp0ZXN0"}) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/cameras/wrong-token/frame"))
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(160, 120, Color.BLUE))).build());
            assertClearError(response, 401);
            assertThat(response.body()).doesNotContain(TestServer.TOKEN);
        }
        assertUnchanged("wrong-token", before);
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedAndChangesNothing() {
        server.publish("live", TestJpegs.solid(160, 120, Color.RED));
        Served before = served("live");
        for (String query : new String[] {"/?password=wrong", "/", "/?password=", "/?password=" + TestServer.PASSWORD + "x"}) {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(query))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(160, 120, Color.BLUE))).build());
            assertClearError(response, 401);
        }
        assertUnchanged("live", before);
    }

    @Test
    void aCameraIdOutsideTheAllowedCharactersIsRefused() {
        assertClearError(server.publish("Bad.Cam", TestJpegs.solid(64, 48, Color.RED)), 400);
        assertClearError(server.publish("x".repeat(65), TestJpegs.solid(64, 48, Color.RED)), 400);
        assertThat(server.get("/cameras/Bad.Cam/snapshot.jpg").statusCode()).isEqualTo(404);
    }

    record Served(byte[] bytes, String etag) {
    }

    private static Served servedAfterGoodFrame(String camera) {
        assertThat(server.publish(camera, TestJpegs.solid(160, 120, Color.RED)).statusCode()).isEqualTo(200);
        return served(camera);
    }

    private static Served served(String camera) {
        HttpResponse<byte[]> snapshot = server.get("/cameras/" + camera + "/snapshot.jpg");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        return new Served(snapshot.body(), snapshot.headers().firstValue("ETag").orElseThrow());
    }

    private static void assertUnchanged(String camera, Served before) {
        Served after = served(camera);
        assertThat(after.etag()).as("ETag of the served frame").isEqualTo(before.etag());
        assertThat(after.bytes()).as("bytes of the served frame").isEqualTo(before.bytes());
    }

    private static void assertClearError(HttpResponse<String> response, Integer... statuses) {
        assertThat(response.statusCode()).isIn((Object[]) statuses);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject error = new JsonObject(response.body());
        assertThat(error.getInteger("status")).isEqualTo(response.statusCode());
        assertThat(error.getString("error")).isNotBlank();
    }

    /** A JPEG that does not compress: random pixels. */
    private static byte[] noise(int width, int height) {
        return TestJpegs.noise(width, height, 42, 0.95f);
    }
}
