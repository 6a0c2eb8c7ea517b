package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.TestServer;

/** In the server, a camera whose source cannot start is offline with the reason from the start, not "waiting". */
class SourceStartProblemTest {
    @TempDir
    Path data;

    @Test
    void aCameraOnAMissingFolderIsOfflineWithTheReasonBeforeAnyoneWatches() {
        Path missing = data.resolve("not-mounted");
        try (TestServer server = TestServer.start(data.resolve("server"),
                c -> c.withCameras(List.of(new CameraConfig("shed", "dir:" + missing, false, Duration.ofSeconds(1)))))) {
            JsonObject camera = new JsonObject(new String(server.get("/api/cameras/shed").body(), StandardCharsets.UTF_8));
            assertThat(camera.getString("state")).isEqualTo("offline");
            assertThat(camera.getString("offline_reason")).isEqualTo("no folder " + missing);
        }
    }

    @Test
    void aProgramNotOnThePathIsKnownBeforeStartingAndAnInstalledOneIsNot() {
        assertThat(SourceSpecs.parse("exec:no-such-program-here -x", java.time.Clock.systemUTC()).startProblem())
                .hasValue("cannot run no-such-program-here: not found on PATH");
        assertThat(SourceSpecs.parse("exec:sh -c 'exit 0'", java.time.Clock.systemUTC()).startProblem()).isEmpty();
    }
}
