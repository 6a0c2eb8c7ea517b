package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

class WebSocketPublishTest {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void framesPublishedWithTheHeaderTokenReachViewers() throws Exception {
        byte[] red = TestJpegs.solid(320, 240, Color.RED);
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/pi/publish",
                Map.of("Authorization", "Bearer " + TestServer.TOKEN))) {
            publisher.message("ready");
            publisher.sendBinary(red);
            JsonObject answer = publisher.message("published");
            assertThat(answer.getInteger("width")).isEqualTo(320);
            assertThat(answer.getLong("seq")).isEqualTo(1);
            assertThat(server.get("/cameras/pi/snapshot.jpg").body()).isEqualTo(red);

            try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/pi/ws")) {
                viewer.frameOf("pi", 1);
                byte[] blue = TestJpegs.solid(320, 240, Color.BLUE);
                publisher.sendBinary(blue);
                assertThat(viewer.frameOf("pi", 2).jpeg()).isEqualTo(blue);
            }
        }
    }

    @Test
    void browserStyleTokenInTheFirstMessageWorks() throws Exception {
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/browser/publish")) {
            publisher.send("{\"token\":\"" + TestServer.TOKEN + "\"}");
            publisher.message("ready");
            publisher.sendBinary(TestJpegs.solid(64, 48, Color.GREEN));
            publisher.message("published");
            assertThat(server.get("/cameras/browser/snapshot.jpg").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badFrameIsRefusedTheSocketStaysOpenAndViewersKeepTheLastGoodFrame() throws Exception {
        byte[] good = TestJpegs.solid(320, 240, Color.RED);
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/cam/publish",
                Map.of("Authorization", "Bearer " + TestServer.TOKEN))) {
            publisher.sendBinary(good);
            publisher.message("published");
            publisher.sendBinary(Arrays.copyOf(good, good.length / 2)); // truncated: no EOI
            assertThat(publisher.message("error").getString("error")).contains("EOI");
            publisher.sendBinary("not a jpeg at all".getBytes());
            assertThat(publisher.message("error").getString("error")).contains("SOI");
            assertThat(server.get("/cameras/cam/snapshot.jpg").body()).isEqualTo(good);

            byte[] next = TestJpegs.solid(320, 240, Color.BLUE);
            publisher.sendBinary(next);
            assertThat(publisher.message("published").getLong("seq")).isEqualTo(2);
            assertThat(publisher.closed).isNotDone();
        }
    }

    @Test
    void frameOfSeveralMegabytesIsAccepted() throws Exception {
        byte[] big = bigJpeg();
        assertThat(big.length).isGreaterThan(3_000_000);
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/big/publish",
                Map.of("Authorization", "Bearer " + TestServer.TOKEN))) {
            publisher.sendBinary(big);
            assertThat(publisher.message("published").getInteger("bytes")).isEqualTo(big.length);
            assertThat(server.get("/cameras/big/snapshot.jpg").body()).isEqualTo(big);
        }
    }

    @Test
    void frameOverTheLimitSentInFragmentsIsAnsweredWithMessageTooBig() throws Exception {
        server.close();
        server = TestServer.start(data, c -> c.withHttp(h -> h.withMaxFrameBytes(64 * 1024)));
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/pi/publish",
                Map.of("Authorization", "Bearer " + TestServer.TOKEN))) {
            publisher.message("ready");
            byte[] part = new byte[40 * 1024];
            try {
                publisher.sendBinaryFragment(part, false);
                publisher.sendBinaryFragment(part, false);
                publisher.sendBinaryFragment(part, true);
            } catch (java.util.concurrent.CompletionException e) {
                // the server may close while the last fragment is on its way
            }
            WebSocketTestClient.Closed closed = publisher.awaitClose();
            assertThat(closed.status()).as("close code for a frame over --max-frame-bytes").isEqualTo(1009);
            assertThat(closed.reason()).contains("65536");
        }
    }

    @Test
    void wrongTokenClosesWithPolicyViolation() {
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/cam/publish",
                Map.of("Authorization", "Bearer nope"))) {
            WebSocketTestClient.Closed closed = publisher.awaitClose();
            assertThat(closed.status()).isEqualTo(1008);
            assertThat(closed.reason()).contains("wrong publish token");
        }
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/cam/publish")) {
            publisher.send("{\"token\":\"nope\"}");
            assertThat(publisher.awaitClose().status()).isEqualTo(1008);
        }
        try (WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/cam/publish")) {
            publisher.sendBinary(TestJpegs.solid(64, 48, Color.RED));
            assertThat(publisher.awaitClose().status()).isEqualTo(1008);
        }
        assertThat(server.get("/cameras/cam/snapshot.jpg").statusCode()).isEqualTo(404);
    }

    /** About 3.5 MB: noise at top quality does not compress. */
    private static byte[] bigJpeg() {
        return TestJpegs.noise(1600, 1200, 7, 1.0f);
    }
}
