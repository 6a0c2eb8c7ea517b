package org.livecam.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.livecam.source.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's two connections to Redis: one for commands (pipelined: many in flight, answers in
 * order) and one in subscribe mode for other nodes' frames. Either failing (closed, or a command
 * unanswered for {@code timeout}) drops both and reconnects with backoff; the loss and the return
 * are each logged once. While down, {@link #send} fails at once: callers drop what they meant to
 * share and carry on serving this node's own cameras. Thread-safe.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    /** What to do when the link comes up (again): subscribe again, announce at once. */
    interface UpListener {
        void up();
    }

    private final Vertx vertx;
    private final RedisAddress address;
    private final Redis client;
    private final long timeoutMillis;
    private final BiConsumer<String, Buffer> messages;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(3));
    private UpListener upListener = () -> { };
    private RedisConnection commands; // guarded by this
    private RedisConnection subscriber; // guarded by this
    private boolean connecting; // guarded by this
    private boolean everUp; // guarded by this
    private boolean lossReported; // guarded by this
    private boolean closed; // guarded by this

    /** {@code messages} gets (channel, payload) of every pub/sub message, on an event loop. */
    RedisLink(Vertx vertx, RedisAddress address, Duration timeout, BiConsumer<String, Buffer> messages) {
        this.vertx = vertx;
        this.address = address;
        this.timeoutMillis = timeout.toMillis();
        this.messages = messages;
        RedisOptions options = new RedisOptions().setConnectionString(address.connectionString())
                .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) Math.max(1000, timeoutMillis)).setTcpNoDelay(true))
                .setMaxWaitingHandlers(4096);
        this.client = Redis.createClient(vertx, options);
    }

    void onUp(UpListener listener) {
        this.upListener = listener;
    }

    synchronized void start() {
        connect();
    }

    synchronized boolean up() {
        return commands != null && subscriber != null;
    }

    /** Sends a command; fails at once while Redis is unreachable, and after {@code timeout} unanswered. */
    Future<Response> send(Request request) {
        RedisConnection connection;
        synchronized (this) {
            connection = commands;
        }
        if (connection == null) {
            return Future.failedFuture("Redis is unreachable");
        }
        return connection.send(request).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .onFailure(e -> { if (e instanceof java.util.concurrent.TimeoutException) lost(connection, e); });
    }

    /** Sends a command on the subscribing connection (SUBSCRIBE, UNSUBSCRIBE); fails at once while down. */
    Future<Response> sendOnSubscriber(Request request) {
        RedisConnection connection;
        synchronized (this) {
            connection = subscriber;
        }
        if (connection == null) {
            return Future.failedFuture("Redis is unreachable");
        }
        return connection.send(request).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void connect() {
        if (closed || connecting) {
            return;
        }
        connecting = true;
        client.connect().compose(c -> client.connect()
                        .onFailure(e -> c.close())
                        .map(s -> new RedisConnection[] {c, s}))
                .onComplete(result -> {
                    UpListener toTell = null;
                    synchronized (this) {
                        connecting = false;
                        if (result.failed()) {
                            report(result.cause());
                            retryLater();
                            return;
                        }
                        RedisConnection c = result.result()[0];
                        RedisConnection s = result.result()[1];
                        if (closed) {
                            c.close();
                            s.close();
                            return;
                        }
                        commands = c;
                        subscriber = s;
                        c.exceptionHandler(e -> lost(c, e)).endHandler(v -> lost(c, null));
                        s.exceptionHandler(e -> lost(s, e)).endHandler(v -> lost(s, null));
                        s.handler(this::message);
                        backoff.reset();
                        if (lossReported) {
                            log.info("Redis at {} is back: sharing cameras with the other nodes again", address);
                        } else if (!everUp) {
                            log.info("Connected to Redis at {}", address);
                        }
                        everUp = true;
                        lossReported = false;
                        toTell = upListener;
                    }
                    toTell.up();
                });
    }

    private void message(Response response) {
        // Pub/sub pushes are ["message", channel, payload]; subscribe confirmations are skipped.
        if (response.size() >= 3 && "message".equals(response.get(0).toString())) {
            messages.accept(response.get(1).toString(), response.get(2).toBuffer());
        }
    }

    private void lost(RedisConnection which, Throwable cause) {
        RedisConnection c;
        RedisConnection s;
        synchronized (this) {
            if (which != commands && which != subscriber) {
                return; // an old connection's late news
            }
            c = commands;
            s = subscriber;
            commands = null;
            subscriber = null;
            report(cause != null ? cause : new IllegalStateException("connection closed"));
            retryLater();
        }
        if (c != null) {
            c.close();
        }
        if (s != null) {
            s.close();
        }
    }

    /** Once per outage: the first failure says what happened; retries stay quiet until Redis is back. */
    private void report(Throwable cause) {
        if (lossReported || closed) {
            return;
        }
        lossReported = true;
        String what = everUp ? "Lost Redis at " + address : "Cannot reach Redis at " + address;
        log.warn("{} ({}); this node keeps serving its own cameras, shows other nodes' as stale, and retries (at most {} s apart)",
                what, cause.getMessage(), backoff.max().toMillis() / 1000.0);
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        vertx.setTimer(backoff.next().toMillis(), id -> {
            synchronized (this) {
                connect();
            }
        });
    }

    @Override
    public void close() {
        RedisConnection c;
        RedisConnection s;
        synchronized (this) {
            closed = true;
            c = commands;
            s = subscriber;
            commands = null;
            subscriber = null;
        }
        if (c != null) {
            c.close();
        }
        if (s != null) {
            s.close();
        }
        client.close();
    }
}
