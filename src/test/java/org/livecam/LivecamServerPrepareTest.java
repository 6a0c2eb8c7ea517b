package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.http.HttpConfig;
import org.livecam.testing.TestJpegs;

/** {@link LivecamServer#prepare}: every spec parsed and the data folder readied, nothing started. */
@Timeout(30)
class LivecamServerPrepareTest {
    @TempDir
    Path dir;

    @Test
    void aBadSpecStopsThePreparationBeforeTheDataFolderIsTouched() {
        Path data = dir.resolve("data");
        ServerConfig config = config(data).withCamera(CameraConfig.onDemand("door", "rtsp://cam/stream", Duration.ofSeconds(10)));

        assertThatThrownBy(() -> LivecamServer.prepare(config))
                .isInstanceOf(LivecamServer.InvalidSourceException.class).hasMessageContaining("camera door");
        assertThat(data).doesNotExist();
    }

    @Test
    void thePreparedServerStartsWithTheTokenKnownOnlyOnceTheDataFolderIsReady() throws Exception {
        Path data = dir.resolve("data");
        LivecamServer.Prepared prepared = LivecamServer.prepare(config(data)
                .withCamera(CameraConfig.onDemand("pattern", "test:?size=160x90&fps=5", Duration.ofSeconds(10))));
        assertThat(data).isDirectory().isEmptyDirectory();

        try (LivecamServer server = prepared.withToken("kept").start()) {
            assertThat(server.cameras().get("pattern")).isPresent();
            assertThat(publish(server.port(), "stand-in")).isEqualTo(401);
            assertThat(publish(server.port(), "kept")).isEqualTo(200);
        }
    }

    private static int publish(int port, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cameras/door/frame"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.RED)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static ServerConfig config(Path data) {
        return ServerConfig.of(HttpConfig.defaults("stand-in").withBind("127.0.0.1").withPort(0), data);
    }
}
