package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/**
 * A camera that re-sends a still scene (µStreamer's --drop-same-frames case): byte-identical
 * frames are counted and keep the camera live, but viewers get the picture once, plus the
 * keep-alive resends that keep Chrome drawing.
 */
class IdenticalFramesTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void identicalFramesReachAViewerOnlyAFewTimesAndADifferentOneAtOnce() throws Exception {
        byte[] still = TestJpegs.solid(320, 180, Color.RED);
        byte[] changed = TestJpegs.solid(320, 180, Color.BLUE);
        server.publish("still", still);
        try (MjpegReader viewer = MjpegReader.open(server.port(), "/cameras/still/stream.mjpg")) {
            viewer.timeoutMillis(10_000);
            assertThat(viewer.next().sequence()).isEqualTo(1);
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                JsonObject answer = new JsonObject(server.publish("still", still).body());
                assertThat(answer.getLong("sequence")).as("a copy takes no sequence number").isEqualTo(1);
                Thread.sleep(Math.max(0, (i + 1) * 33L - (System.nanoTime() - start) / 1_000_000)); // 30 fps, real time
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonObject api = new JsonObject(new String(server.get("/api/cameras/still").body()));
            assertThat(api.getString("state")).as("copies keep the camera live after %.1f s", seconds).isEqualTo("live");
            assertThat(api.getLong("frames_identical")).isEqualTo(60);
            assertThat(api.getLong("frames_published")).isEqualTo(61);
            assertThat(api.getLong("sequence")).isEqualTo(1);

            server.publish("still", changed);
            List<Long> resent = new ArrayList<>();
            MjpegReader.Part part = viewer.next();
            while (part.sequence() == 1) {
                assertThat(part.body()).isEqualTo(still);
                resent.add(part.sequence());
                part = viewer.next();
            }
            assertThat(part.sequence()).as("the different frame comes next").isEqualTo(2);
            assertThat(part.body()).isEqualTo(changed);
            // One keep-alive resend per quiet second at most: about 2 in 2 s, never the 60 copies.
            assertThat(resent.size()).as("parts of the still frame after the first, in %.1f s", seconds)
                    .isBetween(1, (int) Math.ceil(seconds) + 2);
        }
    }
}
