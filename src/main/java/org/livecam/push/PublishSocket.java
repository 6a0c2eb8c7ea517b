package org.livecam.push;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.livecam.publish.PublishProtocol;
import org.livecam.publish.ServerMessage;

/**
 * One open publish WebSocket, with its request/answer pairing: every frame {@link #send sent}
 * gets a future, and the server's answers complete those futures in the order the frames went
 * (the protocol answers each frame, in order). When the socket closes or fails, every future
 * still pending, and {@link #ended}, complete with how it ended, so no one waits out a timeout
 * for an answer that cannot come.
 *
 * <p>Threads: {@link #send}, {@link #abort} and {@link #close} on the uploader's sender thread;
 * the listener methods on the HTTP client's worker threads, one at a time (the JDK client calls
 * a listener serially, and only after {@code request(1)}).
 */
final class PublishSocket implements WebSocket.Listener {
    /** How long a failed write waits for the server's close, which usually says why (1009: too big). */
    private static final long CLOSE_AFTER_FAILED_WRITE_MILLIS = 200;

    /** What came back for a frame, or for the opening: a message from the server, or the end of the socket. */
    sealed interface Reply permits Message, Ended {
    }

    record Message(ServerMessage message) implements Reply {
    }

    /** The server closed with {@code code} and {@code reason}, or, when {@code failure} is set, the connection failed. */
    record Ended(int code, String reason, Throwable failure) implements Reply {
        static Ended failed(Throwable failure) {
            return new Ended(-1, null, failure);
        }
    }

    /** A frame on its way: {@code written} when the socket took its bytes, {@code reply} when the server answered. */
    record Sending(CompletableFuture<?> written, CompletableFuture<Reply> reply) {
    }

    private final CompletableFuture<Reply> first = new CompletableFuture<>();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private final Queue<CompletableFuture<Reply>> pending = new ConcurrentLinkedQueue<>();
    private final StringBuilder text = new StringBuilder();
    private volatile WebSocket socket;

    PublishSocket() {
        ended.thenAccept(this::answerAllPending);
    }

    /** The first thing the server said after the upgrade: {@code ready} on a good day, else a close. */
    CompletableFuture<Reply> first() {
        return first;
    }

    /** Completes when the socket closed or failed, even while no frame is on its way. */
    CompletableFuture<Ended> ended() {
        return ended;
    }

    /** Sends one JPEG as one binary message; the reply completes with its answer, or with the socket's end. */
    Sending send(byte[] jpeg) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.add(reply);
        if (ended.isDone()) {
            answerAllPending(ended.join()); // ended before the frame was queued: the listener will not see it
        }
        CompletableFuture<WebSocket> written = socket.sendBinary(ByteBuffer.wrap(jpeg), true);
        written.whenComplete((ignored, error) -> {
            if (error != null) {
                ended.completeOnTimeout(Ended.failed(error), CLOSE_AFTER_FAILED_WRITE_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
        return new Sending(written, reply);
    }

    /** Drops the connection at once, without a close handshake. */
    void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        ended.complete(Ended.failed(new IllegalStateException("socket dropped by the uploader")));
    }

    /** A clean close, so the server logs a publisher that left rather than one that vanished; then aborts. */
    void close() throws InterruptedException {
        WebSocket open = socket;
        if (open != null) {
            try {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "push stopped").get(1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // aborted below either way
            }
        }
        abort();
    }

    /** The upgraded socket; the JDK may complete the upgrade before or after it calls {@link #onOpen}. */
    void opened(WebSocket webSocket) {
        socket = webSocket;
    }

    private void answerAllPending(Reply end) {
        first.complete(end);
        for (CompletableFuture<Reply> reply = pending.poll(); reply != null; reply = pending.poll()) {
            reply.complete(end);
        }
    }

    private void received(ServerMessage message) {
        if (!first.isDone()) {
            first.complete(new Message(message));
        } else if (message.answersAFrame()) {
            CompletableFuture<Reply> oldest = pending.poll();
            if (oldest != null) {
                oldest.complete(new Message(message));
            }
        } // else: a message this uploader does not know, not an answer
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data); // a long text may come in parts
        if (last) {
            received(ServerMessage.read(text.toString()));
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
        ended.complete(new Ended(statusCode, reason, null));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete(Ended.failed(error));
    }

    /** True when the server refused the token. */
    static boolean tokenRefused(Ended end) {
        return end.failure() == null && end.code() == PublishProtocol.POLICY_VIOLATION;
    }

    /** True when the server said the frame was over its size limit. */
    static boolean frameTooBig(Ended end) {
        return end.failure() == null && end.code() == PublishProtocol.MESSAGE_TOO_BIG;
    }
}
