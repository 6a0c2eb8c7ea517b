package org.livecam.http;

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
 * connection's requests get 503 and it is closed. Only a connection with no request in flight
 * is ever timed: an MJPEG stream, a WebSocket or a long {@code ?after=} snapshot wait is never
 * cut, however quiet (Vert.x's own idle timeout would cut them all).
 *
 * <p>Before its first request head a socket is not yet a Vert.x connection (Vert.x waits for
 * that request to see whether it asks for h2c), so nothing here can see it: the server's idle
 * timeout, set to {@code headerTimeout} in {@link Server#options}, closes it, and
 * {@link #opened} removes that timeout once the connection exists. Over TLS the handshake
 * timeout (the same) bounds the handshake.
 *
 * <p>State is kept per TCP connection ({@link NettyBridge.ChannelLink#attached}), so an h2c
 * upgrade, which Vert.x serves as a second connection object on the same socket, keeps its
 * clock. Event loop of each connection.
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
            Watch watch = new Watch(channel, open.incrementAndGet() > limits.maxConnections());
            channel.onClosed(watch::closed);
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

    /** One TCP connection's requests in flight and its one timer. */
    private final class Watch {
        private final NettyBridge.ChannelLink channel;
        private final boolean refused;
        private final List<HttpServerResponse> inFlight = new ArrayList<>(1);
        /** The latest of the connection objects Vert.x made for this socket (two after an h2c upgrade). */
        private HttpConnection connection;
        private long timer = -1;
        private boolean closed;

        Watch(NettyBridge.ChannelLink channel, boolean refused) {
            this.channel = channel;
            this.refused = refused;
        }

        void started(HttpServerRequest request) {
            disarm();
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
