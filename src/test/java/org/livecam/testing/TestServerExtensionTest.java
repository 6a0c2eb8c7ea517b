package org.livecam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.config.DemoCamera;

/** The test server: settings changed one after another all reach the running server, none is lost. */
class TestServerExtensionTest {
    @RegisterExtension
    final TestServerExtension server = new TestServerExtension(c -> c
            .withHttp(h -> h.withVariantWidths(List.of(200, 400)))
            .withCamera(DemoCamera.of("demo", 160, 90, 5, Duration.ofSeconds(10)))
            .withHttp(h -> h.withMaxFrameBytes(32 * 1024)));

    @Test
    void widthsCamerasAndFrameLimitChangedInTurnAllApply() {
        assertThat(server.publish("cam", TestJpegs.solid(640, 360, Color.RED)).statusCode()).isEqualTo(200);
        BufferedImage variant = TestJpegs.decode(server.get("/cameras/cam/snapshot.jpg?width=640").body());
        assertThat(variant.getWidth()).as("snapped down to the configured widths").isEqualTo(400);

        assertThat(server.publish("cam", new byte[40_000]).statusCode()).isEqualTo(413);

        JsonObject api = new JsonObject(new String(server.get("/api/cameras").body()));
        assertThat(api.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> "demo".equals(c.getString("id"))).findFirst().orElseThrow().getString("source"))
                .startsWith("test pattern 160x90");
    }

    @Test
    void eachTestGetsAServerWithItsOwnDataFolder() {
        assertThat(server.dataDir()).isDirectory();
        assertThat(server.get("/cameras/cam/snapshot.jpg").statusCode()).as("nothing left from another test").isNotEqualTo(200);
    }
}
