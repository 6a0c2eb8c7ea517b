package org.livecam.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import org.livecam.record.StampedJpegs;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.TestServer;

/**
 * Archive replays count as viewers, as live ones do: {@code livecam_viewers{transport="replay"}}
 * while they play, and one session line each when they end. The real server records ten frames
 * 50 ms apart, replayed at a fifth of real time (about 2.5 s) on both replay URLs.
 */
class ReplayViewersTest {
    private static final String METRICS_TOKEN = "scrape-me";
    private static final int FRAMES = 10;

    @TempDir
    Path dir;

    @Test
    void replaysCountUnderTheirOwnTransportWhileTheyPlayAndEachEndsWithOneSessionLine() throws Exception {
        RecordConfig record = new RecordConfig(Set.of("garden"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        try (TestServer server = TestServer.start(dir, c -> c.withRecord(record).withHttp(h -> h.withMetricsToken(METRICS_TOKEN)));
             CapturedLog log = CapturedLog.all()) {
            for (int i = 0; i < FRAMES; i++) {
                assertThat(server.publish("garden", StampedJpegs.number(i)).statusCode()).isEqualTo(200);
                long next = System.currentTimeMillis() + 50;
                while (System.currentTimeMillis() < next) {
                    Thread.sleep(5); // the camera's frame rate
                }
            }
            Await.until(() -> new JsonObject(new String(server.get("/cameras/garden/archive").body())).getLong("frames") == FRAMES,
                    Duration.ofSeconds(10), "all frames recorded");
            assertThat(replays(server)).isZero();

            try (RawWebSocketReader socket = RawWebSocketReader.open(server.port(), "/cameras/garden/archive/play.ws?speed=0.2", 0);
                 MjpegReader stream = MjpegReader.open(server.port(), "/cameras/garden/archive/play.mjpg?speed=0.2")) {
                socket.next();
                stream.next();
                assertThat(replays(server)).as("both replays, while they play").isEqualTo(2);
                assertThat(scrape(server).value("livecam_viewers", "camera", "garden", "transport", "websocket")).isZero();
                for (int i = 1; i < FRAMES; i++) {
                    socket.next();
                    stream.next();
                }
                assertThatThrownBy(stream::next).as("the MJPEG replay ends after its last frame").isInstanceOf(java.io.EOFException.class);
            }
            Await.until(() -> replays(server) == 0, Duration.ofSeconds(10), "no replay counted once both ended");
            Await.until(() -> log.lines("Viewer session ended: replay garden").size() == 2, Duration.ofSeconds(10), "a session line per replay");
            List<String> lines = log.lines("Viewer session ended: replay garden");
            assertThat(lines).allSatisfy(line -> assertThat(line).contains(FRAMES + " frames"));
        }
    }

    private static double replays(TestServer server) {
        return scrape(server).value("livecam_viewers", "camera", "garden", "transport", "replay");
    }

    private static PrometheusSamples scrape(TestServer server) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusSamples(response.body());
    }
}
