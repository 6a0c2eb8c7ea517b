package org.livecam.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.livecam.publish.PublishProtocol;
import org.livecam.publish.ServerMessage;

/**
 * Frames as binary messages on one long-lived WebSocket, {@code GET /cameras/{id}/publish}, as
 * {@link PublishProtocol} describes it: the token goes in the upgrade's {@code Authorization}
 * header, the server says ready, and each JPEG is answered by published or error. {@link #send}
 * waits for that answer ({@link PublishSocket} pairs answers with frames), so one frame is in
 * flight and the uploader's slot keeps only the newest of those captured meanwhile.
 *
 * <p>Outcomes: an error answer is that frame's fault and the socket stays open; a close with
 * {@link PublishProtocol#POLICY_VIOLATION} is a refused token; {@link PublishProtocol#MESSAGE_TOO_BIG}
 * means the frame was over the server's {@code --max-frame-bytes} (skipped; the next frame opens
 * a new socket); any other close, a lost connection or a missing answer drops the socket, and
 * the next frame, after the uploader's backoff, opens a new one.
 *
 * <p>Why java.net.http's WebSocket rather than Vert.x's: it runs on the HTTP client the uploader
 * already has (no event loop, no extra threads), and one socket is all it carries; a blocking
 * wait for each answer fits the uploader's one sender thread. The JDK client puts a whole
 * message in one WebSocket frame, with no size cap of its own; livecam's server accepts frames
 * up to {@code --max-frame-bytes} and closes the socket on a larger one (1009), at once. A
 * fragmented message over the limit would be worse: Vert.x drops it without an answer or a
 * close, and the uploader would wait out {@code --timeout}.
 *
 * <p>Threads: {@link #send} and {@link #close} on the sender thread (close after it ended).
 */
final class WebSocketTransport implements FrameTransport {
    private final HttpClient client;
    private final PushConfig config;
    private final URI socketUri;
    private volatile PublishSocket connection;
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
        if (connection != null && connection.ended().isDone()) {
            drop(); // closed while idle: the server went away between frames
        }
        if (connection == null) {
            Outcome failed = connect();
            if (failed != null) {
                return failed;
            }
        }
        PublishSocket.Sending sending = connection.send(jpeg);
        PublishSocket.Reply reply;
        try {
            reply = sending.reply().get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            drop();
            return Outcome.lost(UploadErrors.timedOut(config.timeout())
                    + (sending.written().isDone() ? " waiting for the server's answer" : ""));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reply future never fails", e);
        }
        if (reply instanceof PublishSocket.Message answer) {
            ServerMessage message = answer.message();
            return message.type() == PublishProtocol.Type.PUBLISHED
                    ? Outcome.sent()
                    : Outcome.refused("WebSocket error answer: " + message.error());
        }
        drop();
        return whileSending(ended((PublishSocket.Ended) reply, false), jpeg.length);
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

    /** Opens the socket and waits for "ready"; returns null when it is ready, else what went wrong. */
    private Outcome connect() throws InterruptedException {
        PublishSocket opening = new PublishSocket();
        CompletableFuture<WebSocket> upgrade = client.newWebSocketBuilder()
                .connectTimeout(config.timeout())
                .header("Authorization", "Bearer " + config.token())
                .buildAsync(socketUri, opening);
        try {
            opening.opened(upgrade.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return refusedUpgrade(e.getCause());
        } catch (TimeoutException e) {
            upgrade.thenAccept(WebSocket::abort); // should it open after all
            return Outcome.unreachable("cannot open the WebSocket " + socketUri + ": no answer within " + config.timeout().toMillis() + " ms");
        }
        socketsOpened++; // sender thread only; volatile for readers elsewhere
        PublishSocket.Reply first = firstReply(opening);
        if (first instanceof PublishSocket.Message m && m.message().type() == PublishProtocol.Type.READY) {
            connection = opening;
            return null;
        }
        opening.abort();
        if (first instanceof PublishSocket.Ended end) {
            return ended(end, true);
        }
        return Outcome.unreachable("the server did not say ready on " + socketUri + (first == null
                ? " within " + config.timeout().toMillis() + " ms"
                : ": " + ((PublishSocket.Message) first).message().text()));
    }

    /** What the server said first, or null when it said nothing within the timeout. */
    private PublishSocket.Reply firstReply(PublishSocket opening) throws InterruptedException {
        try {
            return opening.first().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reply future never fails", e);
        }
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
    private Outcome ended(PublishSocket.Ended end, boolean beforeAnyFrame) {
        if (end.failure() != null) {
            return Outcome.failed(UploadErrors.describe(end.failure(), socketUri, config.timeout()), beforeAnyFrame);
        }
        String error = UploadErrors.socketClosed(end.code(), end.reason());
        if (PublishSocket.tokenRefused(end)) {
            return Outcome.unauthorized(error);
        }
        if (PublishSocket.frameTooBig(end) && !beforeAnyFrame) {
            return Outcome.refused(error);
        }
        return Outcome.failed(error, beforeAnyFrame);
    }

    private void drop() {
        PublishSocket ending = connection;
        connection = null;
        if (ending != null) {
            ending.abort();
        }
    }

    @Override
    public void close() {
        PublishSocket ending = connection;
        connection = null;
        if (ending != null) {
            try {
                ending.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sockets opened so far: one for as long as the server stays, one more per reconnect. */
    long socketsOpened() {
        return socketsOpened;
    }
}
