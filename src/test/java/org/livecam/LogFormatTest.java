package org.livecam;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.ServeProcess;
import org.livecam.testing.TestJpegs;

/** {@code --log-format json}: every line on stdout is one JSON object, a viewer session's figures among them. */
@Timeout(120)
class LogFormatTest {
    @TempDir
    Path data;

    @Test
    void jsonLogsAreOneObjectPerLineWithTheSessionFigures() throws Exception {
        try (ServeProcess server = ServeProcess.start(data, "--log-format", "json")) {
            assertThat(server.publish("porch", TestJpegs.solid(64, 48, Color.RED))).isEqualTo(200);
            CompletableFuture<Void> gotFrame = new CompletableFuture<>();
            WebSocket viewer = server.client().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + server.port() + "/cameras/porch/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
                            gotFrame.complete(null);
                            webSocket.request(1);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            gotFrame.get(20, TimeUnit.SECONDS);
            viewer.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            Await.until(() -> server.out().stream().anyMatch(line -> line.contains("Viewer session ended")), Duration.ofSeconds(20),
                    "the session line");

            List<JsonObject> lines = server.out().stream().map(LogFormatTest::parse).toList();
            assertThat(lines).allSatisfy(line -> assertThat(line.getString("level")).isNotBlank());
            JsonObject session = lines.stream().filter(line -> line.getString("formattedMessage", "").startsWith("Viewer session ended"))
                    .findFirst().orElseThrow();
            assertThat(session.getString("loggerName")).isEqualTo("org.livecam.http.ViewerSession");
            assertThat(session.getString("level")).isEqualTo("INFO");
            JsonObject figures = new JsonObject();
            session.getJsonArray("kvpList").forEach(pair -> figures.mergeIn((JsonObject) pair));
            assertThat(figures.getString("camera")).isEqualTo("porch");
            assertThat(figures.getString("transport")).isEqualTo("websocket");
            assertThat(figures.getString("frames")).isEqualTo("1");
            assertThat(figures.getString("reason")).isEqualTo("client closed");
            assertThat(server.err()).as("the token lines for people go to stderr").isEmpty();
        }
    }

    private static JsonObject parse(String line) {
        try {
            return new JsonObject(line);
        } catch (DecodeException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
