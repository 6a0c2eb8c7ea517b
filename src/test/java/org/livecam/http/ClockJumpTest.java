package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.LivecamServer;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * The wall clock is set back an hour while a camera publishes (NTP, a user, a VM resumed): the
 * sequence, {@code ?after=}, the fps figure and staleness keep working, because durations are
 * measured on a clock that only goes forward. The server runs with an injected wall clock; the
 * machine's is left alone.
 */
class ClockJumpTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private final JumpingClock clock = new JumpingClock();
    private final HttpClient client = HttpClient.newHttpClient();
    private int port;

    @Test
    void settingTheWallClockBackLeavesSequencesRatesAndStalenessWorking() throws Exception {
        LivecamServer server = LivecamServer.prepare(TestServer.config(data)).withClock(clock).start();
        try {
            port = server.port();
            long seq = 0;
            for (int i = 0; i < 15; i++) {
                seq = publish(i);
            }
            clock.jump(Duration.ofHours(-1));

            long before = seq;
            for (int i = 15; i < 30; i++) { // about 10 a second, across whole seconds
                seq = publish(i);
                Thread.sleep(100); // the pace of a camera, not an ordering wait
            }
            assertThat(seq).as("the sequence grows on").isEqualTo(before + 15);
            assertThat(camera().getDouble("fps_in")).as("frames counted after the jump").isPositive();
            assertThat(camera().getString("state")).isEqualTo("live");

            // ?after= waits for the next frame and gets it.
            long last = seq;
            CompletableFuture<HttpResponse<byte[]>> next = client.sendAsync(
                    HttpRequest.newBuilder(uri("/cameras/porch/snapshot.jpg?after=" + last)).build(), HttpResponse.BodyHandlers.ofByteArray());
            Await.until(() -> publish(30) > last && next.isDone(), LIMIT, "the frame after " + last);
            assertThat(next.join().headers().firstValue("X-Frame-Sequence")).hasValue(Long.toString(last + 1));

            // The camera stops: it goes stale and its rate falls to 0, though the wall clock says its
            // last frame is an hour in the future.
            Await.until(() -> "stale".equals(camera().getString("state")), LIMIT, "stale once frames stop");
            Await.until(() -> camera().getDouble("fps_in") == 0, LIMIT, "the rate back to 0");
        } finally {
            server.close();
        }
    }

    private long publish(int n) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/cameras/porch/frame"))
                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, new Color(n * 8, 100, 50)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return new JsonObject(response.body()).getLong("sequence");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject camera() {
        try {
            String body = client.send(HttpRequest.newBuilder(uri("/api/cameras")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return new JsonObject(body).getJsonArray("cameras").stream().map(JsonObject.class::cast)
                    .filter(c -> "porch".equals(c.getString("id"))).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The system's time plus an offset the test sets: real time passes, and jumps when told. */
    private static final class JumpingClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void jump(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
