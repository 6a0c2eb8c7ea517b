package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.http.WebSocketTestClient;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestServer;

/**
 * 300 numbered frames published at about 30 fps to a camera recorded with {@code --record-every 0s},
 * then read back over HTTP from the real server: by instant, as a replay (MJPEG and WebSocket) and as a timelapse.
 */
class ArchiveReadBackTest {
    private static final int FRAMES = 300;
    private static final List<byte[]> published = new ArrayList<>();
    private static final List<long[]> publishedBetween = new ArrayList<>(); // epoch ms before and after each POST
    private static TestServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void recordThreeHundredFrames() throws Exception {
        RecordConfig record = new RecordConfig(Set.of("garden"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        server = TestServer.start(dir.resolve("data"), c -> c.withRecord(record));
        for (int i = 0; i < FRAMES; i++) {
            byte[] jpeg = StampedJpegs.number(i);
            long before = System.currentTimeMillis();
            assertThat(server.publish("garden", jpeg).statusCode()).isEqualTo(200);
            long after = System.currentTimeMillis();
            published.add(jpeg);
            publishedBetween.add(new long[] {before, after});
            long next = before + 33; // about 30 fps, and at least a millisecond between two frames
            while (System.currentTimeMillis() < Math.max(next, after + 1)) {
                Thread.sleep(1);
            }
        }
        Await.until(() -> summary().getLong("frames") == FRAMES, Duration.ofSeconds(10), "all frames recorded");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject summary() {
        HttpResponse<byte[]> response = server.get("/cameras/garden/archive");
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(new String(response.body()));
    }

    /** Which published frame these bytes are, exactly; -1 for none. */
    private static int numberOf(byte[] jpeg) {
        for (int i = 0; i < published.size(); i++) {
            if (java.util.Arrays.equals(published.get(i), jpeg)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void summarySaysOneSpanWithEveryFrame() {
        JsonObject summary = summary();
        assertThat(summary.getLong("frames")).isEqualTo(FRAMES);
        assertThat(summary.getJsonArray("spans")).hasSize(1);
        long first = java.time.Instant.parse(summary.getString("first")).toEpochMilli();
        long last = java.time.Instant.parse(summary.getString("last")).toEpochMilli();
        assertThat(first).isBetween(publishedBetween.get(0)[0], publishedBetween.get(0)[1]);
        assertThat(last).isBetween(publishedBetween.get(FRAMES - 1)[0], publishedBetween.get(FRAMES - 1)[1]);
    }

    @Test
    void frameAtAnInstantIsTheFramePublishedThen() {
        for (int i : new int[] {0, 1, 57, 150, 299}) {
            long justAfterItsPost = publishedBetween.get(i)[1]; // the next frame was published later
            HttpResponse<byte[]> response = server.get("/cameras/garden/archive/frame.jpg?t=" + justAfterItsPost);
            assertThat(response.statusCode()).as("frame %d", i).isEqualTo(200);
            assertThat(numberOf(response.body())).isEqualTo(i);
            long time = java.time.Instant.parse(response.headers().firstValue("X-Frame-Time").orElseThrow()).toEpochMilli();
            assertThat(time).isBetween(publishedBetween.get(i)[0], publishedBetween.get(i)[1]);
            assertThat(response.headers().firstValue("X-Frame-Sequence")).isPresent();
        }
        String iso = java.time.Instant.ofEpochMilli(publishedBetween.get(200)[1]).toString();
        assertThat(numberOf(server.get("/cameras/garden/archive/frame.jpg?t=" + iso).body())).isEqualTo(200);
    }

    @Test
    void noFrameBeforeTheFirstOrForAnUnrecordedCamera() {
        assertThat(server.get("/cameras/garden/archive/frame.jpg?t=" + (publishedBetween.get(0)[0] - 1000)).statusCode()).isEqualTo(404);
        assertThat(server.get("/cameras/nothere/archive/frame.jpg?t=0").statusCode()).isEqualTo(404);
        assertThat(server.get("/cameras/garden/archive/frame.jpg?t=yesterday").statusCode()).isEqualTo(400);
        assertThat(server.get("/cameras/garden/archive/frame.jpg").statusCode()).isEqualTo(400);
    }

    /**
     * A replay read through Java's HTTP client, which undoes the chunking and tells the body's real
     * end from a cut. The raw-socket {@link MjpegReader#open} is for streams that never end: it
     * fails on the last chunk as soon as that comes in the same read as parts not yet taken, which
     * a busy machine makes likely for a replay, which does end.
     */
    private static MjpegReader play(String query, List<AutoCloseable> toClose) throws Exception {
        HttpResponse<java.io.InputStream> response = server.client().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/cameras/garden/archive/play.mjpg?" + query))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        toClose.add(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        return MjpegReader.of(response.body(), response.headers().firstValue("Content-Type").orElseThrow());
    }

    private static void closeAll(List<AutoCloseable> toClose) throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void playAtMaxSpeedGivesEveryFrameInOrderThenEnds() throws Exception {
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            MjpegReader reader = play("speed=max", toClose);
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < FRAMES; i++) {
                MjpegReader.Part part = reader.next();
                assertThat(numberOf(part.body())).isEqualTo(i);
                long time = java.time.Instant.parse(part.header("X-Frame-Time")).toEpochMilli();
                assertThat(time).isGreaterThan(previous);
                previous = time;
            }
            assertThatThrownBy(reader::next).as("the replay ends after the last frame").isInstanceOf(java.io.EOFException.class);
        } finally {
            closeAll(toClose);
        }
    }

    @Test
    void playARangeAtTenTimesRealTime() throws Exception {
        long from = publishedBetween.get(100)[0]; // frame 99 came before, frame 100 after
        long to = publishedBetween.get(130)[1];
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            MjpegReader reader = play("speed=10&from=" + from + "&to=" + to, toClose);
            for (int i = 100; i <= 130; i++) {
                assertThat(numberOf(reader.next().body())).isEqualTo(i);
            }
        } finally {
            closeAll(toClose);
        }
    }

    @Test
    void playOverAWebSocketGivesEveryFrameInOrderWithItsTimeThenClosesNormally() throws Exception {
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/garden/archive/play.ws?speed=max")) {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < FRAMES; i++) {
                WebSocketTestClient.Received frame = viewer.nextFrame();
                assertThat(numberOf(frame.jpeg())).isEqualTo(i);
                assertThat(frame.camera()).isEqualTo("garden");
                assertThat(frame.preamble().getInteger("bytes")).isEqualTo(frame.jpeg().length);
                long time = frame.preamble().getLong("time");
                assertThat(time).as("frame %d's time", i).isBetween(publishedBetween.get(i)[0], publishedBetween.get(i)[1]).isGreaterThan(previous);
                previous = time;
            }
            assertThat(viewer.message("end").getLong("frames")).isEqualTo(FRAMES);
            assertThat(viewer.awaitClose().status()).as("a normal close").isEqualTo(1000);
            assertThat(viewer.frames).as("nothing after the last frame").isEmpty();
        }
    }

    @Test
    void aWebSocketReplayAtRealTimeTakesAboutTheRangesTime() throws Exception {
        long from = publishedBetween.get(100)[0];
        long to = publishedBetween.get(130)[1];
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server,
                "/cameras/garden/archive/play.ws?speed=1&from=" + from + "&to=" + java.time.Instant.ofEpochMilli(to))) {
            WebSocketTestClient.Received first = viewer.nextFrame();
            long started = System.nanoTime();
            assertThat(numberOf(first.jpeg())).isEqualTo(100);
            WebSocketTestClient.Received last = first;
            for (int i = 101; i <= 130; i++) {
                last = viewer.nextFrame();
                assertThat(numberOf(last.jpeg())).isEqualTo(i);
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            long rangeMillis = last.preamble().getLong("time") - first.preamble().getLong("time");
            assertThat(tookMillis).as("paced at real time, not sent at once (range %d ms)", rangeMillis).isGreaterThanOrEqualTo(rangeMillis / 2);
            assertThat(viewer.awaitClose().status()).isEqualTo(1000);
        }
    }

    @Test
    void aBadReplayRequestIsAnsweredWith400BeforeAnyUpgrade() {
        Map<String, String> bad = Map.of(
                "speed=0", "speed=0 must be a number above 0",
                "speed=fast", "speed=fast must be a number above 0",
                "from=yesterday", "from=yesterday is not a time",
                "to=noon", "to=noon is not a time",
                "from=2000&to=1000", "to=1000 is before from=2000");
        bad.forEach((query, message) -> {
            HttpResponse<byte[]> plain = server.get("/cameras/garden/archive/play.ws?" + query);
            assertThat(plain.statusCode()).as(query).isEqualTo(400);
            assertThat(new String(plain.body())).as(query).contains(message);
            assertThat(upgradeStatus("/cameras/garden/archive/play.ws?" + query)).as(query).isEqualTo(400);
            assertThat(server.get("/cameras/garden/archive/play.mjpg?" + query).statusCode()).as(query).isEqualTo(400);
        });
        assertThat(new String(server.get("/cameras/garden/archive/play.ws").body())).contains("play.ws is a WebSocket");
        assertThat(upgradeStatus("/cameras/nothere/archive/play.ws")).isEqualTo(404);
    }

    private static int upgradeStatus(String path) {
        try {
            WebSocketTestClient.connect(server, path).close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void timelapseIsAnH264Mp4WithOneFramePerRecordedFrame() throws Exception {
        HttpResponse<byte[]> response = server.get("/cameras/garden/archive/timelapse.mp4?fps=30");
        assertThat(response.statusCode()).as(new String(response.body(), 0, Math.min(300, response.body().length))).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        Path mp4 = dir.resolve("timelapse.mp4");
        Files.write(mp4, response.body());
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", mp4.toString())
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes()).trim();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("h264," + FRAMES);
    }
}
