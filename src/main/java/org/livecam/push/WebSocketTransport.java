package org.livecam.push;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Frames as binary messages on one long-lived WebSocket, {@code GET /cameras/{id}/publish}
 * (the protocol is in the server's WebSocketPublishHandler): the token goes in the upgrade's
 * {@code Authorization} header, the server says {@code {"type":"ready"}}, and then each JPEG is
 * one binary message answered by {@code {"type":"published",..}} or {@code {"type":"error",..}}.
 * {@link #send} waits for that answer, so one frame is in flight and the uploader's slot keeps
 * only the newest of those captured meanwhile.
 *
 * <p>Outcomes: an error answer is that frame's fault and the socket stays open; close status
 * 1008 is a refused token; 1009 means the frame was over the server's {@code --max-frame-bytes}
 * (skipped; the next frame opens a new socket); any other close, a lost connection or a missing
 * answer drops the socket, and the next frame, after the uploader's backoff, opens a new one.
 *
 * <p>Why java.net.http's WebSocket rather than Vert.x's: it runs on the HTTP client the uploader
 * already has (no event loop, no extra threads), and one socket is all it carries; a blocking
 * wait for each answer fits the uploader's one sender thread. The JDK client puts a whole
 * message in one WebSocket frame, with no size cap of its own; livecam's server accepts frames
 * up to {@code --max-frame-bytes} and closes the socket on a larger one (1009), at once. A
 * fragmented message over the limit would be worse: Vert.x drops it without an answer or a
 * close, and the uploader would wait out {@code --timeout}.
 *
 * <p>Threads: {@link #send} and {@link #close} on the sender thread (close after it ended); the
 * listener runs on the HTTP client's worker threads and only hands events over through a queue.
 */
final class WebSocketTransport implements FrameTransport {
    private static final int POLICY_VIOLATION = 1008;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final HttpClient client;
    private final PushConfig config;
    private final URI socketUri;
    private volatile Connection connection;
    private volatile long socketsOpened;

    WebSocketTransport(HttpClient client, PushConfig config) {
        this.client = client;
        this.config = config;
        this.socketUri = config.socketUri();
    }

    @Override
    public URI target() {
        return socketUri;
    }

    @Override
    public Outcome send(byte[] jpeg) throws InterruptedException {
        if (connection != null && connection.hasEnded()) {
            drop(); // closed while idle: the server went away between frames
        }
        if (connection == null) {
            Outcome failed = connect();
            if (failed != null) {
                return failed;
            }
        }
        long deadline = System.nanoTime() + config.timeout().toNanos();
        try {
            connection.socket.sendBinary(ByteBuffer.wrap(jpeg), true).get(left(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // The server's close usually explains the failed send (1009: the frame was too big); it may be a moment behind.
            Event closing = connection.ending(Duration.ofMillis(200));
            drop();
            Outcome outcome = closing != null ? ended(closing, false) : Outcome.lost(UploadErrors.describe(e.getCause(), socketUri, config.timeout()));
            return whileSending(outcome, jpeg.length);
        } catch (TimeoutException e) {
            drop();
            return Outcome.lost(UploadErrors.timedOut(config.timeout()));
        }
        return whileSending(answer(deadline), jpeg.length);
    }

    /**
     * A socket lost just as a frame went out. When a frame is over the server's limit, the
     * server closes at once with 1009, but the close is usually lost: the client is still
     * writing, so the server's kernel resets the connection and the client sees only 1006.
     */
    private static Outcome whileSending(Outcome outcome, int frameBytes) {
        if (outcome.kind() != Outcome.Kind.LOST) {
            return outcome;
        }
        return Outcome.lost(outcome.error() + " while sending a frame of " + frameBytes
                + " bytes (if this repeats, is it over the server's --max-frame-bytes?)");
    }

    /** Waits for the server's answer to the frame just sent. */
    private Outcome answer(long deadline) throws InterruptedException {
        while (true) {
            Event event = connection.events.poll(left(deadline), TimeUnit.NANOSECONDS);
            if (event == null) {
                drop();
                return Outcome.lost(UploadErrors.timedOut(config.timeout()) + " waiting for the server's answer");
            }
            if (event instanceof Text text) {
                JsonObject answer = json(text.message());
                String type = answer.getString("type", "");
                if (type.equals("published")) {
                    return Outcome.sent();
                }
                if (type.equals("error")) {
                    return Outcome.refused("WebSocket error answer: " + answer.getString("error", "(no message)"));
                }
                continue; // a message this uploader does not know: not the answer
            }
            drop();
            return ended(event, false);
        }
    }

    /** Opens the socket and waits for "ready"; returns null when it is ready, else what went wrong. */
    private Outcome connect() throws InterruptedException {
        Connection opening = new Connection();
        CompletableFuture<WebSocket> upgrade = client.newWebSocketBuilder()
                .connectTimeout(config.timeout())
                .header("Authorization", "Bearer " + config.token())
                .buildAsync(socketUri, opening);
        try {
            opening.socket = upgrade.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return refusedUpgrade(e.getCause());
        } catch (TimeoutException e) {
            upgrade.thenAccept(WebSocket::abort); // should it open after all
            return Outcome.unreachable("cannot open the WebSocket " + socketUri + ": no answer within " + config.timeout().toMillis() + " ms");
        }
        connection = opening;
        socketsOpened++; // sender thread only; volatile for readers elsewhere
        Event first = opening.events.poll(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (first instanceof Text text && "ready".equals(json(text.message()).getString("type"))) {
            return null;
        }
        drop();
        if (first == null || first instanceof Text) {
            return Outcome.unreachable("the server did not say ready on " + socketUri
                    + (first == null ? " within " + config.timeout().toMillis() + " ms" : ": " + ((Text) first).message()));
        }
        return ended(first, true);
    }

    private Outcome refusedUpgrade(Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            String error = "HTTP " + status + " to the WebSocket upgrade at " + socketUri;
            if (status == 401 || status == 403) {
                return Outcome.unauthorized(error);
            }
            return Outcome.unreachable(error + (status == 404 ? " (is --server a livecam server that has the WebSocket publish route?)" : ""));
        }
        return Outcome.unreachable(UploadErrors.describe(cause, socketUri, config.timeout()));
    }

    /** The socket closed or failed; {@code beforeAnyFrame}: while opening, so no frame is to blame. */
    private Outcome ended(Event event, boolean beforeAnyFrame) {
        if (event instanceof Closed closed) {
            String error = UploadErrors.socketClosed(closed.code(), closed.reason());
            if (closed.code() == POLICY_VIOLATION) {
                return Outcome.unauthorized(error);
            }
            if (closed.code() == MESSAGE_TOO_BIG && !beforeAnyFrame) {
                return Outcome.refused(error);
            }
            return beforeAnyFrame ? Outcome.unreachable(error) : Outcome.lost(error);
        }
        String error = UploadErrors.describe(((Failed) event).error(), socketUri, config.timeout());
        return beforeAnyFrame ? Outcome.unreachable(error) : Outcome.lost(error);
    }

    private void drop() {
        Connection ending = connection;
        connection = null;
        if (ending != null && ending.socket != null) {
            ending.socket.abort();
        }
    }

    @Override
    public void close() {
        Connection ending = connection;
        connection = null;
        if (ending != null && ending.socket != null) {
            try { // a clean close, so the server logs a publisher that left rather than one that vanished
                ending.socket.sendClose(WebSocket.NORMAL_CLOSURE, "push stopped").get(1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // aborted below either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ending.socket.abort();
        }
    }

    /** Sockets opened so far: one for as long as the server stays, one more per reconnect. */
    long socketsOpened() {
        return socketsOpened;
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static JsonObject json(String text) {
        try {
            return new JsonObject(text);
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    private sealed interface Event permits Text, Closed, Failed {
    }

    private record Text(String message) implements Event {
    }

    private record Closed(int code, String reason) implements Event {
    }

    private record Failed(Throwable error) implements Event {
    }

    /** One socket and what it has said, in order. The listener runs on the client's worker threads. */
    private static final class Connection implements WebSocket.Listener {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        volatile WebSocket socket;

        /** True once the socket closed or failed, though an answer before that may still be queued. */
        boolean hasEnded() {
            return events.stream().anyMatch(e -> !(e instanceof Text));
        }

        /** The close or failure event, waiting up to {@code wait} for one; answers before it are passed over. */
        Event ending(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            for (Event e = events.poll(); e != null || System.nanoTime() < deadline;
                 e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (e != null && !(e instanceof Text)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data); // a long text may come in parts
            if (last) {
                events.add(new Text(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // the publish socket sends no binary; ignored
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Failed(error));
        }
    }
}
