package org.livecam.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;
import org.livecam.frame.Cameras;
import org.livecam.publish.PublishProtocol;
import org.livecam.record.Archives;
import org.livecam.record.Timelapse;
import org.livecam.variant.VariantSizes;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of livecam: every route, and the server options that make back-pressure work
 * (strict thread mode, so an HTTP/1 response's write queue is the socket's own writability in
 * bytes; {@link ViewerConnection} has the rest).
 */
public final class Server {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private Server() {
    }

    public static HttpServerOptions options(HttpConfig config) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.bind())
                .setPort(config.port())
                .setStrictThreadMode(true)
                .setTcpNoDelay(true)
                .setMaxWebSocketMessageSize(config.maxFrameBytes())
                // Clients such as java.net.http send a whole message as one frame: a frame cap
                // below the message cap would refuse a large JPEG and close the socket.
                .setMaxWebSocketFrameSize(config.maxFrameBytes())
                // Browsers always offer permessage-deflate and Vert.x accepts it by default: every
                // JPEG would be deflated once per viewer (JPEGs do not shrink) with zlib state per socket.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        if (config.sendBufferBytes() > 0) {
            // Linux lets the send buffer grow to megabytes, where stale frames wait beyond our reach.
            options.setSendBufferSize(config.sendBufferBytes());
        }
        return options;
    }

    public static Router routes(Vertx vertx, HttpConfig config, Cameras cameras) {
        return routes(vertx, config, cameras, Archives.NONE);
    }

    /** The routes, with recordings read back from {@code archives}. */
    public static Router routes(Vertx vertx, HttpConfig config, Cameras cameras, Archives archives) {
        PublishAuth auth = new PublishAuth(config.token(), config.password());
        IngestHandler ingest = new IngestHandler(cameras, auth, config.maxFrameBytes());
        Variants variants = variants(vertx, new VariantSizes(config.variantWidths(), VariantSizes.DEFAULT_HEIGHTS));
        SnapshotHandler snapshots = new SnapshotHandler(cameras, variants, config.snapshotWait(), config.staleAfter(), cameras.clock());
        StreamHandler streams = new StreamHandler(cameras, variants, config.viewerQueueBytes());
        MultiCameraSocket multiSocket = new MultiCameraSocket(cameras, variants, config.viewerQueueBytes());
        WebSocketPublishHandler socketIngest = new WebSocketPublishHandler(cameras, auth, config.maxFrameBytes());
        ApiHandler api = new ApiHandler(cameras, variants, config.staleAfter());
        ArchiveHandler archive = new ArchiveHandler(vertx, archives, new Timelapse("ffmpeg"), archives.scratchDir());
        String live = config.defaultCamera();

        Router router = Router.router(vertx);
        router.post("/cameras/:id/frame").handler(ctx -> ingest.publishWithToken(ctx.request(), ctx.pathParam("id")));
        router.put("/cameras/:id/frame").handler(ctx -> ingest.publishWithToken(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/snapshot.jpg").handler(ctx -> snapshots.handle(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/stream.mjpg").handler(ctx -> streams.mjpeg(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/ws").handler(ctx -> streams.webSocket(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/archive").handler(ctx -> archive.summary(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/archive/frame.jpg").handler(ctx -> archive.frame(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/archive/play.mjpg").handler(ctx -> archive.play(ctx.request(), ctx.pathParam("id"), config.viewerQueueBytes()));
        router.get("/cameras/:id/archive/timelapse.mp4").handler(ctx -> archive.timelapse(ctx.request(), ctx.pathParam("id")));
        router.get(PublishProtocol.ROUTE).handler(ctx -> socketIngest.handle(ctx.request(), ctx.pathParam("id")));
        router.get("/ws").handler(ctx -> multiSocket.handle(ctx.request()));
        // An unknown camera gets the same page, which says so and shows the camera once it exists.
        router.get("/cameras/:id").handler(ctx -> page(ctx, cameras.get(ctx.pathParam("id")).isPresent() ? 200 : 404, "camera.html"));
        router.get("/api/cameras").handler(ctx -> api.list(ctx.response()));
        router.get("/api/cameras/:id").handler(ctx -> api.one(ctx.response(), ctx.pathParam("id")));
        router.get("/favicon.ico").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "image/svg+xml")
                .putHeader("Cache-Control", "max-age=86400")
                .sendFile("web/favicon.svg"));
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));

        // The Raspberry Pi tutorial's own client and page, and mjpg-streamer's URLs.
        router.post("/").handler(ctx -> ingest.publishWithPassword(ctx.request(), live));
        router.get("/live.jpeg").handler(ctx -> snapshots.handle(ctx.request(), live));
        router.getWithRegex("/live([0-9]{1,5})x([0-9]{1,5})\\.jpeg").handler(ctx -> snapshots.handle(ctx.request(), live,
                variants.sizes().snap(Integer.valueOf(ctx.pathParam("param0")), Integer.valueOf(ctx.pathParam("param1")))));
        router.get("/test").handler(ctx -> page(ctx, "test.html"));
        router.get("/").handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String action = request.getParam("action");
            if ("stream".equals(action)) {
                streams.mjpeg(request, live);
            } else if ("snapshot".equals(action)) {
                snapshots.handle(request, live);
            } else {
                page(ctx, "index.html");
            }
        });
        router.route("/static/*").handler(StaticHandler.create("web").setCachingEnabled(false));
        answerHeadWhereverGetIs(router);
        router.route().last().handler(ctx -> Errors.send(ctx.response(), 404, "no such page: " + ctx.request().path()));
        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                log.error("Unexpected error on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            }
            Errors.send(ctx.response(), ctx.statusCode() > 0 ? ctx.statusCode() : 500, "internal error");
        });
        return router;
    }

    /**
     * HEAD runs the GET handler (uptime monitors and link checkers use it): Vert.x sends the
     * status and headers of a response to HEAD and drops its body, and the streams check for HEAD
     * themselves so that no viewer is subscribed. Routes without a method take HEAD already.
     */
    private static void answerHeadWhereverGetIs(Router router) {
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> methods = route.methods();
            if (methods != null && methods.contains(HttpMethod.GET)) {
                route.method(HttpMethod.HEAD);
            }
        }
    }

    /** Starts serving; throws IllegalStateException at once if this Vert.x lacks the internals streaming relies on. */
    public static Future<HttpServer> start(Vertx vertx, HttpConfig config, Cameras cameras) {
        return start(vertx, config, cameras, Archives.NONE);
    }

    /** The same, with recordings read back from {@code archives}. */
    public static Future<HttpServer> start(Vertx vertx, HttpConfig config, Cameras cameras, Archives archives) {
        NettyBridge.check();
        return vertx.createHttpServer(options(config)).requestHandler(routes(vertx, config, cameras, archives)).listen();
    }

    /** Resizing is CPU work: a bounded Vert.x worker pool, closed with Vert.x, never an event loop. */
    private static Variants variants(Vertx vertx, VariantSizes sizes) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        var workers = vertx.createSharedWorkerExecutor("livecam-variants", threads);
        return new Variants(sizes, task -> workers.executeBlocking(() -> {
            task.run();
            return null;
        }, false));
    }

    private static void page(RoutingContext ctx, String file) {
        page(ctx, 200, file);
    }

    private static void page(RoutingContext ctx, int status, String file) {
        ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-cache");
        ctx.response().sendFile("web/" + file);
    }
}
