package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/**
 * The URLs other tools already use: the Raspberry Pi tutorial's upload and image, mjpg-streamer's
 * {@code ?action=} URLs (OctoPrint), and the pages and health check.
 */
class CompatibilityRoutesTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void theTutorialsPasswordUploadPublishesToTheDefaultCameraServedAtLiveJpeg() {
        byte[] jpeg = TestJpegs.solid(160, 120, Color.ORANGE);
        HttpResponse<String> upload = server.send(HttpRequest.newBuilder(server.uri("/?password=" + TestServer.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        assertThat(upload.statusCode()).isEqualTo(200);

        HttpResponse<byte[]> live = server.get("/live.jpeg");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(live.body()).isEqualTo(jpeg);
        assertThat(server.get("/cameras/live/snapshot.jpg").body()).isEqualTo(jpeg);
        assertThat(server.get("/?action=snapshot").body()).isEqualTo(jpeg);
    }

    @Test
    void mjpgStreamersStreamUrlServesTheDefaultCamera() throws Exception {
        byte[] jpeg = TestJpegs.solid(160, 120, Color.PINK);
        server.send(HttpRequest.newBuilder(server.uri("/?password=" + TestServer.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        try (MjpegReader stream = MjpegReader.open(server.port(), "/?action=stream")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("multipart/x-mixed-replace");
            assertThat(stream.next().body()).isEqualTo(jpeg);
        }
    }

    @Test
    void pagesAreHtml() {
        server.publish("page-cam", TestJpegs.solid(64, 48, Color.RED));
        for (String page : new String[] {"/", "/test", "/cameras/page-cam"}) {
            HttpResponse<byte[]> response = server.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(new String(response.body())).as(page).contains("<!doctype html>");
        }
        for (String asset : new String[] {"/static/grid.js", "/static/style.css"}) {
            assertThat(server.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void theTestPageAsksForTheNextImageOfTheDefaultCamera() {
        String page = new String(server.get("/test").body());
        assertThat(page).contains("/live.jpeg?after=");
    }

    @Test
    void healthzAnswers200() {
        HttpResponse<byte[]> response = server.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIsAJson404() {
        HttpResponse<byte[]> response = server.get("/no/such/thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }
}
