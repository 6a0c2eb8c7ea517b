package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/** What a snapshot says about how fresh its frame is, and If-Modified-Since beside the ETag. */
class SnapshotFreshnessTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void ifModifiedSinceTheFramesOwnDateGets304WithoutBody() {
        server.publish("ims", TestJpegs.solid(64, 48, Color.RED));
        String lastModified = header(server.get("/cameras/ims/snapshot.jpg"), "Last-Modified");

        HttpResponse<String> same = get("/cameras/ims/snapshot.jpg", "If-Modified-Since", lastModified);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(header(same, "Last-Modified")).isEqualTo(lastModified);

        String later = format(parse(lastModified).plusSeconds(60));
        assertThat(get("/cameras/ims/snapshot.jpg", "If-Modified-Since", later).statusCode()).isEqualTo(304);
        String earlier = format(parse(lastModified).minusSeconds(1));
        assertThat(get("/cameras/ims/snapshot.jpg", "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
        assertThat(get("/cameras/ims/snapshot.jpg", "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        server.publish("both", TestJpegs.solid(64, 48, Color.RED));
        HttpResponse<byte[]> current = server.get("/cameras/both/snapshot.jpg");
        String etag = header(current, "ETag");
        String lastModified = header(current, "Last-Modified");
        String earlier = format(parse(lastModified).minusSeconds(10));

        assertThat(send("/cameras/both/snapshot.jpg", "If-None-Match", "\"another\"", "If-Modified-Since", lastModified)
                .statusCode()).as("an old ETag with a current date").isEqualTo(200);
        assertThat(send("/cameras/both/snapshot.jpg", "If-None-Match", etag, "If-Modified-Since", earlier)
                .statusCode()).as("the current ETag with an old date").isEqualTo(304);
    }

    @Test
    void aLiveFrameSaysItsAgeAndThatItIsNotStale() {
        server.publish("age", TestJpegs.solid(64, 48, Color.RED));
        HttpResponse<byte[]> response = server.get("/cameras/age/snapshot.jpg");
        assertThat(header(response, "X-Frame-Stale")).isEqualTo("false");
        assertThat(header(response, "X-Frame-Age")).matches("[0-9]+\\.[0-9]{3}");
        assertThat(new BigDecimal(header(response, "X-Frame-Age"))).isBetween(BigDecimal.ZERO, new BigDecimal("30"));
        assertThat(header(response, "Access-Control-Expose-Headers")).contains("X-Frame-Age");
    }

    @Test
    void aRestoredFrameIsStaleAndOlderThanTheRestart(@TempDir Path data) {
        try (TestServer first = TestServer.start(data)) {
            first.publish("porch", TestJpegs.solid(64, 48, Color.GREEN));
        }
        try (TestServer second = TestServer.start(data)) {
            HttpResponse<byte[]> response = second.get("/cameras/porch/snapshot.jpg");
            long timestamp = Long.parseLong(header(response, "X-Frame-Timestamp"));
            double age = Double.parseDouble(header(response, "X-Frame-Age"));
            assertThat(header(response, "X-Frame-Stale")).isEqualTo("true");
            assertThat(age * 1000).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(System.currentTimeMillis() - timestamp + 1);
        }
    }

    @Test
    void aCameraThatStoppedSendingServesItsSnapshotAsStale(@TempDir Path data) throws InterruptedException {
        try (TestServer quiet = TestServer.start(data, c -> c.withHttp(h -> h.withStaleAfter(Duration.ofMillis(300))))) {
            quiet.publish("gone", TestJpegs.solid(64, 48, Color.BLUE));
            assertThat(header(quiet.get("/cameras/gone/snapshot.jpg"), "X-Frame-Stale")).isEqualTo("false");
            Await.until(() -> "true".equals(header(quiet.get("/cameras/gone/snapshot.jpg"), "X-Frame-Stale")),
                    Duration.ofSeconds(10), "the snapshot of a camera silent past --stale-after to say X-Frame-Stale: true");
        }
    }

    @Test
    void theAgeIsSecondsWithMillisecondsAndNeverNegative() {
        Instant received = Instant.parse("2026-01-01T00:00:00.250Z");
        assertThat(SnapshotHeaders.age(received, received.plusSeconds(720))).isEqualTo("720.000");
        assertThat(SnapshotHeaders.age(received, received.plusMillis(42))).isEqualTo("0.042");
        assertThat(SnapshotHeaders.age(received, received.minusSeconds(1))).as("a clock stepped back").isEqualTo("0.000");
    }

    private static HttpResponse<String> get(String path, String name, String value) {
        return send(path, name, value);
    }

    private static HttpResponse<String> send(String path, String... headers) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).headers(headers).GET().build());
    }

    private static ZonedDateTime parse(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String format(ZonedDateTime date) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(date.withZoneSameInstant(ZoneOffset.UTC));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
