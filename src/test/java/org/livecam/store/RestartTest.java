package org.livecam.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** A restarted server shows the last image at once, marked stale. */
class RestartTest {
    @TempDir
    Path data;

    @Test
    void aRestartedServerServesTheLastFrameStaleAndContinuesTheSequence() {
        byte[] last = TestJpegs.solid(160, 120, Color.GREEN);
        String etagBefore;
        long sequenceBefore;
        try (TestServer first = TestServer.start(data)) {
            first.publish("porch", TestJpegs.solid(160, 120, Color.RED));
            sequenceBefore = new JsonObject(first.publish("porch", last).body()).getLong("sequence");
            etagBefore = first.get("/cameras/porch/snapshot.jpg").headers().firstValue("ETag").orElseThrow();
        } // stopping saves the latest frames

        try (TestServer second = TestServer.start(data)) {
            HttpResponse<byte[]> snapshot = second.get("/cameras/porch/snapshot.jpg");
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body()).isEqualTo(last);
            assertThat(snapshot.headers().firstValue("X-Frame-Stale")).hasValue("true");
            assertThat(snapshot.headers().firstValue("X-Frame-Sequence")).hasValue(Long.toString(sequenceBefore));
            assertThat(snapshot.headers().firstValue("ETag")).hasValue(etagBefore);
            assertThat(camera(second, "porch").getString("state")).isEqualTo("stale");

            JsonObject next = new JsonObject(second.publish("porch", TestJpegs.solid(160, 120, Color.BLUE)).body());
            assertThat(next.getLong("sequence")).isEqualTo(sequenceBefore + 1);
            HttpResponse<byte[]> live = second.get("/cameras/porch/snapshot.jpg");
            assertThat(live.headers().firstValue("X-Frame-Stale")).hasValue("false");
            assertThat(live.headers().firstValue("ETag")).isNotEqualTo(snapshot.headers().firstValue("ETag"));
            assertThat(camera(second, "porch").getString("state")).isEqualTo("live");
        }
    }

    @Test
    void aCameraThatNeverPublishedHasNothingToRestore() {
        try (TestServer first = TestServer.start(data)) {
            assertThat(first.get("/cameras/live/snapshot.jpg").statusCode()).isEqualTo(503);
        }
        try (TestServer second = TestServer.start(data)) {
            assertThat(second.get("/cameras/live/snapshot.jpg").statusCode()).isEqualTo(503);
        }
    }

    private static JsonObject camera(TestServer server, String id) {
        JsonObject api = new JsonObject(new String(server.get("/api/cameras").body()));
        return api.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
    }
}
