package org.livecam.http;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.livecam.testing.TestServer;

/**
 * A real java.net.http WebSocket client for tests: collects frames (a preamble text message
 * and the binary after it) and other text messages, and can stop reading to play a stalled
 * viewer (it then asks the socket for nothing more, so TCP backs up to the server).
 */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {
    /** One frame as a viewer got it. */
    public record Received(JsonObject preamble, byte[] jpeg) {
        public String camera() {
            return preamble.getString("camera");
        }

        public long seq() {
            return preamble.getLong("seq");
        }
    }

    /** The close status and reason the server sent. */
    public record Closed(int status, String reason) {
    }

    public final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    public final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile boolean stalled;
    private JsonObject preamble;
    private WebSocket socket;

    public static WebSocketTestClient connect(TestServer server, String path) {
        return connect(server, path, Map.of());
    }

    /** A socket at any {@code ws://} or {@code wss://} URI, through {@code http} (one trusting a test CA, say). */
    public static WebSocketTestClient connect(HttpClient http, URI uri) {
        WebSocketTestClient client = new WebSocketTestClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client).orTimeout(20, TimeUnit.SECONDS).join();
        return client;
    }

    public static WebSocketTestClient connect(TestServer server, String path, Map<String, String> headers) {
        return connect(URI.create("ws://127.0.0.1:" + server.port() + path), headers);
    }

    /** To any address, such as a proxy in front of the server. */
    public static WebSocketTestClient connect(URI uri, Map<String, String> headers) {
        WebSocketTestClient client = new WebSocketTestClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client).orTimeout(20, TimeUnit.SECONDS).join();
        return client;
    }

    /** Stops reading: the socket's buffers fill and the server sees a stalled viewer. */
    public void stall() {
        stalled = true;
    }

    public void resume() {
        stalled = false;
        socket.request(1);
    }

    public Received nextFrame() throws InterruptedException {
        Received frame = frames.poll(20, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 20 s");
        }
        return frame;
    }

    /** The next frame of {@code camera} with a sequence of at least {@code seq}, skipping older ones. */
    public Received frameOf(String camera, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Received frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && frame.camera().equals(camera) && frame.seq() >= seq) {
                return frame;
            }
        }
        throw new AssertionError("no frame " + seq + " of " + camera + " within 20 s");
    }

    /** The next non-frame text message of the given type, skipping others. */
    public JsonObject message(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonObject message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && type.equals(message.getString("type"))) {
                return message;
            }
        }
        throw new AssertionError("no '" + type + "' message within 20 s; got " + messages);
    }

    public void send(String message) {
        socket.sendText(message, true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** One fragment of a binary message; {@code last} ends the message. */
    public void sendBinaryFragment(byte[] data, boolean last) {
        socket.sendBinary(ByteBuffer.wrap(data), last).orTimeout(60, TimeUnit.SECONDS).join();
    }

    public Closed awaitClose() {
        return closed.orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            JsonObject json = new JsonObject(text.toString());
            text.setLength(0);
            if ("frame".equals(json.getString("type"))) {
                preamble = json;
            } else {
                messages.add(json);
            }
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            if (preamble == null) {
                throw new AssertionError("a binary message came without a preamble before it");
            }
            frames.add(new Received(preamble, binary.toByteArray()));
            preamble = null;
            binary.reset();
        }
        more(webSocket);
        return null;
    }

    private void more(WebSocket webSocket) {
        if (!stalled) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }


    /** Sends a close frame (1000) and waits for the server's answer, as a browser leaving a page does. */
    public void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(20, TimeUnit.SECONDS).join();
        awaitClose();
    }

    /** Drops the connection without a close frame. */
    @Override
    public void close() {
        socket.abort();
    }
}
