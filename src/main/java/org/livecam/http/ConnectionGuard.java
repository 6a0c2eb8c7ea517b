package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps idle sockets from taking the server's file descriptors: a connection idle between
 * requests for {@code keepAliveTimeout} is closed, and past {@code maxConnections} a
 * connection's requests get 503 and it is closed.
 *
 * <p>Every request head must be complete within {@code headerTimeout} of its first byte, the
 * first as well as the later ones of a keep-alive HTTP/1 connection: once a byte of the next head
 * arrives the keep-alive timer gives way to a header timer (never to a later deadline than the
 * keep-alive one), so a client trickling a head a few bytes at a time (slowloris) holds the
 * connection for {@code headerTimeout}, not {@code keepAliveTimeout}. An HTTP/2 connection keeps
 * the keep-alive timer alone: between requests its clients send control frames (window updates,
 * pings) that are not the start of a request. Only a connection with no request in flight
 * is ever timed: an MJPEG stream, a WebSocket or a long {@code ?after=} snapshot wait is never
 * cut, however quiet (Vert.x's own idle timeout would cut them all).
 *
 * <p>A plain socket is a Vert.x connection from its accept (no cleartext HTTP/2 to wait for,
 * {@link Server#options}), so its first request head is timed from then, as a later one is from
 * its first byte. Over TLS the connection exists once the handshake is done, which the handshake
 * timeout (the same) bounds; the server's idle timeout, set to {@code headerTimeout}, is the
 * backstop until then, and {@link #opened} removes it.
 *
 * <p>State is kept per TCP connection ({@link NettyBridge.ChannelLink#attached}), whichever
 * connection object Vert.x hands in. Event loop of each connection.
 */
final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private volatile long lastFullWarningNanos;

    ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** For {@code HttpServer.connectionHandler}: a connection exists, so its first request head is here or coming now. */
    void opened(HttpConnection connection) {
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(connection);
        channel.endIdleTimeout();
        watch(channel).connection = connection;
    }

    /** For {@code HttpServer.requestHandler}: a request head has arrived; hands it on, or answers 503. */
    void admit(HttpServerRequest request, Handler<HttpServerRequest> next) {
        Watch watch = watch(NettyBridge.channelOf(request.connection()));
        watch.connection = request.connection();
        if (watch.refused) {
            refuse(request);
            return;
        }
        watch.started(request);
        next.handle(request);
    }

    /** Connections open now (counted from their first sign of life to their close). */
    int open() {
        return open.get();
    }

    private Watch watch(NettyBridge.ChannelLink channel) {
        return channel.attached(Watch.class, () -> {
            Watch watch = new Watch(channel, open.incrementAndGet() > limits.maxConnections(), vertx.getOrCreateContext());
            channel.onClosed(watch::closed);
            channel.onRead(watch::read);
            watch.arm(limits.headerTimeout());
            return watch;
        });
    }

    private void refuse(HttpServerRequest request) {
        long now = System.nanoTime();
        if (now - lastFullWarningNanos > Duration.ofSeconds(10).toNanos()) {
            lastFullWarningNanos = now;
            log.warn("{} connections open, the --max-connections limit: new ones get 503", limits.maxConnections());
        }
        HttpServerResponse response = request.response();
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.putHeader("Retry-After", "5");
        Errors.send(response, 503, "the server has as many connections as it serves (--max-connections "
                + limits.maxConnections() + "); try again soon");
        HttpConnection connection = request.connection();
        vertx.setTimer(100, id -> connection.close()); // the answer first, then the socket
    }

    /** Where a connection is between its requests, for the timer it needs. */
    private enum Phase {
        /** Waiting for a request head, or busy with requests: no byte changes the timer. */
        OTHER,
        /** HTTP/1, its requests all answered and nothing of the next head yet: the keep-alive timer runs. */
        IDLE,
        /** HTTP/1, the first bytes of the next head have come after an idle spell: the header timer takes over. */
        NEXT_HEAD
    }

    /** One TCP connection's requests in flight and its one timer. */
    private final class Watch {
        private final NettyBridge.ChannelLink channel;
        private final boolean refused;
        private final Context context; // the connection's, on the channel's event loop (strict thread mode)
        private final List<HttpServerResponse> inFlight = new ArrayList<>(1);
        /** The connection object Vert.x made for this socket. */
        private HttpConnection connection;
        private long timer = -1;
        private boolean closed;
        private Phase phase = Phase.OTHER;
        private boolean http1 = true;
        private long keepAliveDeadlineNanos;

        Watch(NettyBridge.ChannelLink channel, boolean refused, Context context) {
            this.channel = channel;
            this.refused = refused;
            this.context = context;
        }

        /** Bytes arrived (Netty, on the channel's event loop: the connection's thread, before Vert.x decodes them). */
        void read() {
            if (phase == Phase.IDLE) {
                phase = Phase.NEXT_HEAD;
                context.runOnContext(v -> nextHeadStarted()); // Vert.x timers belong on the connection's context
            }
        }

        private void nextHeadStarted() {
            long header = limits.headerTimeout().toNanos();
            // The head may have come whole in those bytes, and its request started already.
            if (phase == Phase.NEXT_HEAD && timer >= 0 && header < keepAliveDeadlineNanos - System.nanoTime()) {
                arm(limits.headerTimeout());
            }
        }

        void started(HttpServerRequest request) {
            disarm();
            phase = Phase.OTHER;
            http1 = request.version() != HttpVersion.HTTP_2;
            // A response whose end we missed (its end handler replaced by a route) is over by now.
            inFlight.removeIf(HttpServerResponse::ended);
            HttpServerResponse response = request.response();
            if (request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
                return; // a WebSocket lives as long as its connection; nothing more to time here
            }
            inFlight.add(response);
            response.endHandler(v -> ended(response));
        }

        private void ended(HttpServerResponse response) {
            inFlight.remove(response);
            if (inFlight.isEmpty()) {
                arm(limits.keepAliveTimeout());
                keepAliveDeadlineNanos = System.nanoTime() + limits.keepAliveTimeout().toNanos();
                phase = http1 ? Phase.IDLE : Phase.OTHER;
            }
        }

        void arm(Duration timeout) {
            disarm();
            if (!closed) {
                timer = vertx.setTimer(timeout.toMillis(), id -> {
                    timer = -1;
                    if (connection != null) {
                        connection.close(); // HTTP/2 says GOAWAY first, so a client knows not to reuse it
                    } else {
                        channel.close();
                    }
                });
            }
        }

        private void disarm() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        void closed() {
            closed = true;
            disarm();
            open.decrementAndGet();
        }
    }
}
