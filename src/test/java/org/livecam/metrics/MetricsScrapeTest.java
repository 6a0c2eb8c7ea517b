package org.livecam.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.http.WebSocketTestClient;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/** A scrape of /metrics after a known run of frames says what happened, per camera, and promtool finds it clean. */
class MetricsScrapeTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final String METRICS_TOKEN = "scrape-me";

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension(c -> c.withHttp(h -> h.withMetricsToken(METRICS_TOKEN)));

    @Test
    void perCameraSeriesCountWhatAViewerWasSent() throws Exception {
        long bytes = 0;
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN};
        byte[] first = TestJpegs.solid(64, 48, colors[0]);
        server.publish("porch", first);
        bytes += first.length;
        WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/porch/ws");
        try {
            assertThat(viewer.nextFrame().seq()).isEqualTo(1);
            for (int i = 1; i < colors.length; i++) {
                byte[] jpeg = TestJpegs.solid(64, 48, colors[i]);
                server.publish("porch", jpeg);
                bytes += jpeg.length;
                assertThat(viewer.nextFrame().seq()).isEqualTo(i + 1); // each one written before the next comes: none skipped
            }
            server.publish("porch", TestJpegs.solid(64, 48, colors[colors.length - 1])); // the same picture again: not sent
            Await.until(() -> scrape().value("livecam_store_writes_total", "camera", "porch") >= 1, LIMIT, "a store write");

            PrometheusSamples metrics = scrape();
            assertThat(metrics.value("livecam_frames_published_total", "camera", "porch")).isEqualTo(6);
            assertThat(metrics.value("livecam_frames_identical_total", "camera", "porch")).isEqualTo(1);
            assertThat(metrics.value("livecam_frames_sent_total", "camera", "porch")).isEqualTo(5);
            assertThat(metrics.value("livecam_frames_skipped_total", "camera", "porch")).isZero();
            assertThat(metrics.value("livecam_sent_bytes_total", "camera", "porch")).isEqualTo(bytes);
            assertThat(metrics.value("livecam_viewers", "camera", "porch", "transport", "websocket")).isEqualTo(1);
            assertThat(metrics.value("livecam_viewers", "camera", "porch", "transport", "mjpeg")).isZero();
            assertThat(metrics.value("livecam_frame_write_latency_seconds_count", "camera", "porch")).isEqualTo(5);
            assertThat(metrics.value("livecam_frame_write_latency_seconds_bucket", "camera", "porch", "le", "+Inf")).isEqualTo(5);
            assertThat(metrics.value("livecam_camera_offline", "camera", "porch")).isZero();
            assertThat(metrics.value("livecam_source_restarts_total", "camera", "porch")).isZero();
            assertThat(metrics.value("livecam_store_failures_total", "camera", "porch")).isZero();
            assertThat(metrics.value("vertx_http_server_active_connections")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.hasName("jvm_memory_used_bytes")).isTrue();
            assertThat(metrics.hasName("jvm_gc_")).isTrue();
            assertThat(metrics.hasName("jvm_threads_live_threads")).isTrue();
            assertThat(metrics.hasName("process_files_open_files")).isTrue();
        } finally {
            viewer.close();
        }
        Await.until(() -> scrape().value("livecam_viewers", "camera", "porch", "transport", "websocket") == 0, LIMIT,
                "the viewer count back at zero");
    }

    @Test
    void framesReplacedBeforeTheyWereWrittenCountAsSkipped() throws Exception {
        server.publish("yard", TestJpegs.solid(64, 48, Color.RED));
        WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/yard/ws?fps=0.5");
        try {
            assertThat(viewer.nextFrame().seq()).isEqualTo(1);
            for (Color color : new Color[] {Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN}) {
                server.publish("yard", TestJpegs.solid(64, 48, color)); // within the 2 s the cap holds the viewer back
            }
            assertThat(viewer.nextFrame().seq()).isEqualTo(5);
            PrometheusSamples metrics = scrape();
            assertThat(metrics.value("livecam_frames_sent_total", "camera", "yard")).isEqualTo(2);
            assertThat(metrics.value("livecam_frames_skipped_total", "camera", "yard")).isEqualTo(3);
        } finally {
            viewer.close();
        }
    }

    @Test
    void viewersAreCountedByTransportAndVariantsByTheirEncodes() throws Exception {
        server.publish("hall", TestJpegs.solid(640, 480, Color.RED));
        try (MjpegReader mjpeg = MjpegReader.open(server.port(), "/cameras/hall/stream.mjpg");
             WebSocketTestClient resized = WebSocketTestClient.connect(server, "/cameras/hall/ws?width=320");
             WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws")) {
            mjpeg.next();
            resized.nextFrame();
            grid.send("{\"subscribe\":\"hall\"}");
            grid.frameOf("hall", 1);
            PrometheusSamples metrics = scrape();
            assertThat(metrics.value("livecam_viewers", "camera", "hall", "transport", "mjpeg")).isEqualTo(1);
            assertThat(metrics.value("livecam_viewers", "camera", "hall", "transport", "websocket")).isEqualTo(1);
            assertThat(metrics.value("livecam_viewers", "camera", "hall", "transport", "grid")).isEqualTo(1);
            assertThat(metrics.value("livecam_variant_encode_seconds_count", "camera", "hall", "size", "320xauto")).isEqualTo(1);
            assertThat(metrics.value("livecam_variant_encode_seconds_sum", "camera", "hall", "size", "320xauto")).isPositive();
        }
    }

    @Test
    void aFailingSourceCountsRestartsAndMarksItsCameraOffline(@TempDir Path data) throws Exception {
        CameraConfig failing = new CameraConfig("broken", "exec:sh -c 'exit 3'", true, Duration.ofSeconds(10));
        try (TestServer own = TestServer.start(data, c -> c.withCamera(failing))) {
            Await.until(() -> scrape(own).value("livecam_source_restarts_total", "camera", "broken") >= 1, LIMIT, "a restart");
            assertThat(scrape(own).value("livecam_camera_offline", "camera", "broken")).isEqualTo(1);
            assertThat(scrape(own).value("livecam_frames_published_total", "camera", "broken")).isZero();
        }
    }

    @Test
    void theScrapeIsValidForPromtool() throws Exception {
        server.publish("porch", TestJpegs.solid(64, 48, Color.RED));
        String text = scrapeText();
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return; // scripts/test installs it (Debian's prometheus package); the assertions above still ran
        }
        Path file = Files.createTempFile("livecam-metrics", ".txt");
        try {
            Files.writeString(file, text);
            Process check = new ProcessBuilder("sh", "-c", "promtool check metrics < " + file).redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(said).isEmpty();
            assertThat(check.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theGrafanaDashboardRepeatsARowPerCameraAndAsksOnlyForSeriesTheServerExports() throws Exception {
        server.publish("porch", TestJpegs.solid(64, 48, Color.RED));
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/porch/ws")) {
            viewer.nextFrame();
            String scraped = scrapeText();
            JsonObject dashboard = new JsonObject(Files.readString(Path.of("deploy/grafana-livecam.json")));
            JsonArray panels = dashboard.getJsonArray("panels");
            assertThat(panels.stream().map(JsonObject.class::cast).filter(p -> "camera".equals(p.getString("repeat"))))
                    .singleElement().satisfies(row -> assertThat(row.getString("type")).isEqualTo("row"));
            Set<String> asked = new TreeSet<>();
            for (Object panel : panels) {
                JsonArray targets = ((JsonObject) panel).getJsonArray("targets", new JsonArray());
                for (Object target : targets) {
                    Matcher names = Pattern.compile("\\b(?:livecam|vertx|jvm)_[a-z_]+").matcher(((JsonObject) target).getString("expr"));
                    while (names.find()) {
                        asked.add(names.group());
                    }
                }
            }
            assertThat(asked).contains("livecam_frames_published_total", "livecam_frames_sent_total", "livecam_viewers",
                    "livecam_frame_write_latency_seconds_bucket");
            for (String name : asked) {
                assertThat(scraped).as("the scrape has %s", name).containsPattern("(?m)^" + name + "[{ ]");
            }
        }
    }

    @Test
    void withAMetricsTokenOnlyABearerOfItGetsTheMetrics() {
        HttpResponse<String> none = server.send(HttpRequest.newBuilder(server.uri("/metrics")).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("livecam_");
        HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                .header("Authorization", "Bearer not-it").build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> right = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build());
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    private PrometheusSamples scrape() {
        return new PrometheusSamples(scrapeText());
    }

    private static PrometheusSamples scrape(TestServer open) {
        HttpResponse<String> response = open.send(HttpRequest.newBuilder(open.uri("/metrics")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusSamples(response.body());
    }

    private String scrapeText() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
