package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;
import org.livecam.wire.InputFeed;
import org.livecam.wire.ResponseHead;

/** A size asked for snaps to an allowed one, and every answer at a snapped size says which. */
class VariantSizeHeaderTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void aWidthBelowTheSmallestAllowedIsAnsweredAtTheSmallestAndSaysSo() {
        assertThat(server.publish("sizes", TestJpegs.solid(1280, 720, Color.GRAY)).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> small = server.get("/cameras/sizes/snapshot.jpg?width=100");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("X-Variant-Size")).hasValue("320xauto");
        assertThat(small.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Variant-Size"));
        assertThat(TestJpegs.decode(small.body()).getWidth()).isEqualTo(320);

        assertThat(server.get("/cameras/sizes/snapshot.jpg?width=700").headers().firstValue("X-Variant-Size")).hasValue("640xauto");
        assertThat(server.get("/cameras/sizes/snapshot.jpg").headers().firstValue("X-Variant-Size")).isEmpty();
    }

    @Test
    void theTutorialsSizedSnapshotSaysTheSizeItSnappedTo() {
        assertThat(server.publish("live", TestJpegs.solid(1280, 720, Color.GRAY)).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> sized = server.get("/live100x100.jpeg");
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.headers().firstValue("X-Variant-Size")).hasValue("320x180");
    }

    @Test
    void anMjpegStreamAtASizeSaysWhichAndExposesIt() throws Exception {
        server.publish("sizes", TestJpegs.solid(1280, 720, Color.GRAY));
        HttpResponse<Void> head = server.client().send(HttpRequest.newBuilder(server.uri("/cameras/sizes/stream.mjpg?width=100"))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(10))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("X-Variant-Size")).hasValue("320xauto");
        assertThat(head.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Variant-Size");
    }

    @Test
    void aCameraWebSocketAtASizeSaysWhichInItsUpgrade() throws IOException {
        server.publish("sizes", TestJpegs.solid(1280, 720, Color.GRAY));
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(15_000);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.getOutputStream().write(("GET /cameras/sizes/ws?width=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ResponseHead upgrade = new InputFeed(socket.getInputStream(), 8192).readHead();
            assertThat(upgrade.status()).isEqualTo(101);
            assertThat(upgrade.header("X-Variant-Size")).isEqualTo("320xauto");
        }
    }

    @Test
    void aSubscriptionAtASizeIsAnsweredWithTheSizeItSnappedTo() throws Exception {
        server.publish("sizes", TestJpegs.solid(1280, 720, Color.GRAY));
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
            viewer.send("{\"subscribe\":\"sizes\",\"width\":100}");
            assertThat(viewer.message("subscribed").getString("size")).isEqualTo("320xauto");
            viewer.send("{\"subscribe\":\"sizes\"}");
            assertThat(viewer.message("subscribed").containsKey("size")).as("the original has no size to name").isFalse();
        }
    }
}
