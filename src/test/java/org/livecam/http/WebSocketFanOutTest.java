package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestServerExtension;
import org.livecam.testing.Await;

/** Many viewers spread over the server's event loops, all writing the same frame memory at once. */
class WebSocketFanOutTest {
    private static final int VIEWERS = 60;

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension();
    Vertx clients;

    @BeforeEach
    void start() {
        clients = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyViewerGetsEveryFrameIntactWhileManyShareTheSameBytes() throws Exception {
        List<byte[]> published = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            published.add(WebSocketViewerTest.noise(100 + i));
        }
        server.publish("cam", published.get(0));
        Set<Integer> good = new HashSet<>();
        published.forEach(jpeg -> good.add(java.util.Arrays.hashCode(jpeg)));

        WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(VIEWERS * 2).setMaxMessageSize(8 << 20).setMaxFrameSize(8 << 20));
        AtomicInteger corrupt = new AtomicInteger();
        ConcurrentHashMap<Integer, Long> newestByViewer = new ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int v = 0; v < VIEWERS; v++) {
            int viewer = v;
            long[] expectedBytes = {-1};
            long[] seq = {-1};
            // Handlers go on in the connect callback, on the client's event loop, before it reads
            // the first preamble that follows the upgrade.
            WebSocket socket = client.connect(server.port(), "127.0.0.1", "/cameras/cam/ws").onSuccess(ws -> {
                ws.textMessageHandler(text -> {
                    JsonObject preamble = new JsonObject(text);
                    expectedBytes[0] = preamble.getLong("bytes");
                    seq[0] = preamble.getLong("seq");
                });
                ws.binaryMessageHandler(message -> {
                    byte[] bytes = message.getBytes();
                    if (bytes.length != expectedBytes[0] || !good.contains(java.util.Arrays.hashCode(bytes))) {
                        corrupt.incrementAndGet();
                    }
                    newestByViewer.put(viewer, seq[0]);
                });
            }).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            sockets.add(socket);
        }
        for (int i = 1; i < published.size(); i++) {
            server.publish("cam", published.get(i));
        }
        long last = published.size();
        Await.until(() -> newestByViewer.values().stream().filter(s -> s == last).count() == VIEWERS,
                Duration.ofSeconds(30), "every viewer to receive the newest frame");
        assertThat(newestByViewer.values()).as("every viewer ends on the newest frame").hasSize(VIEWERS).allMatch(s -> s == last);
        assertThat(corrupt.get()).as("frames whose bytes differ from every published JPEG").isZero();
        sockets.forEach(WebSocket::close);
    }
}
