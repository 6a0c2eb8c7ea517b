package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.DemoCamera;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/** {@code /api/cameras} and {@code /api/cameras/{id}}: the figures the pages show. A restored frame's stale state is in the restart test. */
class ApiHandlerTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void theDefaultCameraIsListedWaitingBeforeItsFirstFrame() {
        JsonObject live = camera("live");
        assertThat(live.getString("state")).isEqualTo("waiting");
        assertThat(live.getInteger("viewers")).isZero();
        assertThat(live.containsKey("sequence")).isFalse();
    }

    @Test
    void aPublishingCameraIsLiveWithItsSizeFpsAndViewers() throws Exception {
        server.publish("figures", TestJpegs.solid(320, 180, Color.RED));
        try (MjpegReader viewer = MjpegReader.open(server.port(), "/cameras/figures/stream.mjpg")) {
            // fps_in counts whole seconds only, so frames keep coming until one has passed with some in it.
            Await.until(() -> {
                server.publish("figures", TestJpegs.solid(320, 180, Color.GREEN));
                JsonObject cam = camera("figures");
                return cam.getDouble("fps_in") > 0 && cam.getLong("frames_published") >= 5;
            }, Duration.ofSeconds(10), "a whole second of frames in");
            viewer.next();
            JsonObject cam = camera("figures");
            assertThat(cam.getString("state")).isEqualTo("live");
            assertThat(cam.getInteger("width")).isEqualTo(320);
            assertThat(cam.getInteger("height")).isEqualTo(180);
            assertThat(cam.getInteger("viewers")).isEqualTo(1);
            assertThat(cam.getDouble("fps_in")).as("frames in over whole seconds").isPositive();
            assertThat(cam.getDouble("fps_out")).isGreaterThan(0.0);
            assertThat(cam.getLong("frames_published")).isGreaterThanOrEqualTo(5);
            assertThat(cam.getLong("frame_age_ms")).isBetween(0L, 10_000L);
            assertThat(cam.getLong("frame_bytes")).isPositive();
            assertThat(cam.getString("snapshot_url")).isEqualTo("/cameras/figures/snapshot.jpg");
            assertThat(cam.getString("stream_url")).isEqualTo("/cameras/figures/stream.mjpg");
        }
        Await.until(() -> camera("figures").getInteger("viewers") == 0, Duration.ofSeconds(10), "the viewer has left");
    }

    @Test
    void viewersCountPeopleWhetherTheyWatchTheCameraAsItIsOrResized() throws Exception {
        server.publish("sizes", TestJpegs.solid(1280, 720, Color.RED));
        try (MjpegReader original = MjpegReader.open(server.port(), "/cameras/sizes/stream.mjpg");
             MjpegReader small = MjpegReader.open(server.port(), "/cameras/sizes/stream.mjpg?width=320");
             MjpegReader alsoSmall = MjpegReader.open(server.port(), "/cameras/sizes/stream.mjpg?width=320")) {
            original.next();
            small.next();
            alsoSmall.next();
            JsonObject cam = camera("sizes");
            assertThat(cam.getInteger("viewers")).as("three people, two of them through one variant").isEqualTo(3);
            JsonObject variant = cam.getJsonArray("variants").getJsonObject(0);
            assertThat(variant.getInteger("width")).isEqualTo(320);
            assertThat(variant.getInteger("viewers")).isEqualTo(2);
        }
        Await.until(() -> camera("sizes").getInteger("viewers") == 0, Duration.ofSeconds(10), "the viewers have left");
    }

    @Test
    void aPulledCameraNamesItsSourceAndAPushedOneDoesNot(@TempDir Path otherData) {
        try (TestServer withDemo = TestServer.start(otherData, c -> c.withCamera(DemoCamera.of("demo", 160, 90, 5, Duration.ofSeconds(10))))) {
            JsonObject api = new JsonObject(new String(withDemo.get("/api/cameras").body()));
            JsonObject demo = api.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                    .filter(c -> "demo".equals(c.getString("id"))).findFirst().orElseThrow();
            assertThat(demo.getString("source")).startsWith("test pattern 160x90");
        }
        assertThat(camera("live").containsKey("source")).isFalse();
    }

    @Test
    void oneCameraIsItsEntryOfTheList() {
        server.publish("alone", TestJpegs.solid(160, 90, Color.BLUE));
        var response = server.get("/api/cameras/alone");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject one = new JsonObject(new String(response.body()));
        JsonObject listed = camera("alone");
        assertThat(one.getInteger("width")).isEqualTo(160);
        // The figures that move with the clock between the two requests aside, the objects are equal.
        for (String moving : new String[] {"frame_age_ms", "fps_in", "fps_out"}) {
            assertThat(one.remove(moving)).as(moving).isNotNull();
            listed.remove(moving);
        }
        assertThat(one).isEqualTo(listed);
    }

    @Test
    void aCameraThatStopsSendingTurnsStaleWithItsFramesAgeAndLiveWhenItResumes(@TempDir Path otherData) throws Exception {
        try (TestServer quick = TestServer.start(otherData, c -> c.withHttp(h -> h.withStaleAfter(Duration.ofMillis(300))))) {
            for (int i = 0; i < 3; i++) {
                quick.publish("porch", TestJpegs.solid(160, 90, Color.RED));
            }
            assertThat(one(quick, "porch").getString("state")).isEqualTo("live");
            Await.until(() -> "stale".equals(one(quick, "porch").getString("state")), Duration.ofSeconds(10),
                    "the silent camera to turn stale");
            assertThat(one(quick, "porch").getLong("frame_age_ms")).isGreaterThanOrEqualTo(300);
            JsonObject listed = new JsonObject(new String(quick.get("/api/cameras").body())).getJsonArray("cameras")
                    .stream().map(JsonObject.class::cast).filter(c -> "porch".equals(c.getString("id"))).findFirst().orElseThrow();
            assertThat(listed.getString("state")).as("the list agrees").isEqualTo("stale");

            quick.publish("porch", TestJpegs.solid(160, 90, Color.GREEN));
            assertThat(one(quick, "porch").getString("state")).isEqualTo("live");
        }
    }

    @Test
    void anUnknownCameraIsA404WithAJsonError() {
        var response = server.get("/api/cameras/nobody");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject error = new JsonObject(new String(response.body()));
        assertThat(error.getInteger("status")).isEqualTo(404);
        assertThat(error.getString("error")).isEqualTo("no camera named nobody");
        assertThat(new String(server.get("/api/cameras").body())).as("a lookup creates no camera").doesNotContain("nobody");
    }

    private static JsonObject one(TestServer target, String id) {
        return new JsonObject(new String(target.get("/api/cameras/" + id).body()));
    }

    static JsonObject camera(String id) {
        JsonObject api = new JsonObject(new String(server.get("/api/cameras").body()));
        return api.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow(() -> new AssertionError("no camera " + id + " in " + api));
    }

}
