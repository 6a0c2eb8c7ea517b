package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The plain fan-out that livecam is measured against, and nothing else: it keeps each camera's
 * latest frame and writes it to every viewer, with direct buffers, strict thread mode, 64 KB
 * send buffers and viewers grouped by event loop (one task per loop per frame). No variants, no
 * resend, no validation, no shrinking. Routes: {@code POST /cameras/{id}/frame} (Bearer token),
 * {@code GET /cameras/{id}/stream.mjpg}, {@code GET /cameras/{id}/ws}, {@code GET /healthz}.
 *
 * <pre>java -cp livecam.jar org.livecam.http.PlainFanout --port 18932 [--token T] (env LIVECAM_TOKEN, else "bench")</pre>
 *
 * Not part of the server; it exists for {@code livecam bench} only (docs/BENCHMARKS.md). It sits
 * in this package for one reason: its direct buffers come from {@link NettyBridge}, the one
 * place that reaches under Vert.x's public API.
 */
public final class PlainFanout {
    private static final Buffer BOUNDARY = Buffer.buffer("\r\n--frame\r\n");
    private static final Buffer DIRECT_BOUNDARY = NettyBridge.wrap(ByteBuffer.allocateDirect(BOUNDARY.length())
            .put(BOUNDARY.getBytes()).flip());

    /** One frame as both outputs write it: the JPEG alone (WebSocket) and as a whole MJPEG part. */
    private record Shared(Buffer jpeg, Buffer part) {
    }

    /** One viewer: at most one frame waits while its socket is full; the newest replaces it. */
    private static final class Viewer {
        final Consumer<Shared> write;
        final BooleanSupplier full;
        Shared waiting;

        Viewer(Consumer<Shared> write, BooleanSupplier full) {
            this.write = write;
            this.full = full;
        }

        void offer(Shared frame) {
            if (full.getAsBoolean()) {
                waiting = frame;
            } else {
                waiting = null;
                write.accept(frame);
            }
        }

        void drained() {
            if (waiting != null) {
                offer(waiting);
            }
        }
    }

    /** The viewers of one camera on one event loop, touched on that loop only. */
    private record Loop(Context context, List<Viewer> viewers) {
    }

    /** A camera: its latest frame and its viewers by event loop (by thread: each request has a context of its own). */
    private static final class Camera {
        final AtomicReference<Shared> latest = new AtomicReference<>();
        final Map<Thread, Loop> loops = new ConcurrentHashMap<>();

        void publish(Shared frame) {
            latest.set(frame);
            loops.values().forEach(loop -> loop.context().runOnContext(v -> loop.viewers().forEach(viewer -> viewer.offer(frame))));
        }
    }

    private final Map<String, Camera> cameras = new ConcurrentHashMap<>();
    private final String token;
    private final boolean directHead;

    private PlainFanout(String token, boolean directHead) {
        this.token = token;
        this.directHead = directHead;
    }

    public static void main(String[] args) {
        int port = 18932;
        String token = System.getenv().getOrDefault("LIVECAM_TOKEN", "bench");
        boolean directHead = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--token" -> token = args[i + 1];
                case "--head" -> directHead = switch (args[i + 1]) {
                    case "direct" -> true;
                    case "heap" -> false;
                    default -> throw new IllegalArgumentException("--head: heap or direct");
                };
                default -> throw new IllegalArgumentException("usage: PlainFanout --port P [--token T] [--head heap|direct]");
            }
        }
        Running running;
        try {
            running = start(port, token, directHead);
        } catch (RuntimeException e) {
            System.err.println("PlainFanout: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            System.exit(1); // Vert.x's threads would keep the JVM alive
            return;
        }
        System.out.printf("PlainFanout on 127.0.0.1:%d (%s transport)%n", running.port(),
                running.vertx().isNativeTransportEnabled() ? "native" : "NIO");
    }

    /** A fan-out listening on 127.0.0.1; close it to stop. */
    public record Running(Vertx vertx, int port) implements AutoCloseable {
        @Override
        public void close() {
            vertx.close().await();
        }
    }

    /** Starts a fan-out on {@code port} (0: any free one) of 127.0.0.1. */
    public static Running start(int port, String token) {
        return start(port, token, false);
    }

    /**
     * {@code directHead}: the part head in direct memory too. By default (as measured for issue 8)
     * it is on the heap, which makes each part a composite that is not all direct, and Netty's
     * epoll transport copies such a buffer into new direct memory on every write: a copy of each
     * part per viewer (a heap array the size of the part, then a direct one), profiled at 200
     * viewers of 720p as about a third of the event loops' time. With it, every viewer's write is
     * the shared memory, as livecam's are.
     */
    public static Running start(int port, String token, boolean directHead) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        HttpServerOptions options = new HttpServerOptions().setStrictThreadMode(true).setSendBufferSize(64 * 1024)
                .setTcpNoDelay(true).setMaxWebSocketMessageSize(16 << 20);
        PlainFanout fanout = new PlainFanout(token, directHead);
        int listening = vertx.createHttpServer(options).requestHandler(fanout::handle).listen(port, "127.0.0.1")
                .await().actualPort();
        return new Running(vertx, listening);
    }

    private void handle(HttpServerRequest request) {
        String[] path = request.path().split("/");
        if (path.length == 4 && path[1].equals("cameras")) {
            Camera camera = cameras.computeIfAbsent(path[2], id -> new Camera());
            switch (path[3]) {
                case "frame" -> publish(request, camera);
                case "stream.mjpg" -> mjpeg(request, camera);
                case "ws" -> webSocket(request, camera);
                default -> request.response().setStatusCode(404).end();
            }
        } else {
            request.response().setStatusCode(path.length == 2 && path[1].equals("healthz") ? 200 : 404).end();
        }
    }

    private void publish(HttpServerRequest request, Camera camera) {
        if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end();
            return;
        }
        request.body().onSuccess(body -> {
            Buffer jpeg = NettyBridge.wrap(ByteBuffer.allocateDirect(body.length()).put(body.getBytes()).flip());
            Buffer head = Buffer.buffer("Content-Type: image/jpeg\r\nContent-Length: " + body.length() + "\r\n\r\n");
            if (directHead) {
                head = NettyBridge.wrap(ByteBuffer.allocateDirect(head.length()).put(head.getBytes()).flip());
            }
            camera.publish(new Shared(jpeg, NettyBridge.concat(head, jpeg, directHead ? DIRECT_BOUNDARY : BOUNDARY)));
            request.response().end("{}");
        });
    }

    private void mjpeg(HttpServerRequest request, Camera camera) {
        var response = request.response().setChunked(true)
                .putHeader("Content-Type", "multipart/x-mixed-replace; boundary=frame").putHeader("Cache-Control", "no-cache");
        response.write("--frame\r\n");
        join(camera, new Viewer(frame -> response.write(frame.part()), response::writeQueueFull),
                response::drainHandler, response::closeHandler);
    }

    private void webSocket(HttpServerRequest request, Camera camera) {
        request.toWebSocket().onSuccess(socket -> join(camera,
                new Viewer(frame -> socket.writeBinaryMessage(frame.jpeg()), socket::writeQueueFull),
                socket::drainHandler, socket::closeHandler));
    }

    /** On the viewer's event loop: it joins that loop's list and gets the latest frame at once. */
    private static void join(Camera camera, Viewer viewer, Consumer<Handler<Void>> onDrain, Consumer<Handler<Void>> onClose) {
        Context context = Vertx.currentContext();
        List<Viewer> viewers = camera.loops.computeIfAbsent(Thread.currentThread(), t -> new Loop(context, new ArrayList<>())).viewers();
        viewers.add(viewer);
        onDrain.accept(v -> viewer.drained());
        onClose.accept(v -> viewers.remove(viewer));
        Shared latest = camera.latest.get();
        if (latest != null) {
            viewer.offer(latest);
        }
    }
}
