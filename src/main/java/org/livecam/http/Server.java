package org.livecam.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;
import org.livecam.access.Gatekeeper;
import java.util.concurrent.TimeUnit;
import org.livecam.frame.Cameras;
import org.livecam.metrics.LivecamMetrics;
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

    /**
     * The options for {@code config}; with {@code tls} (the loaded {@code config.tls()}), HTTPS
     * with HTTP/2 offered through ALPN. Plain http:// is HTTP/1.1 only, as nginx serves it.
     */
    public static HttpServerOptions options(HttpConfig config, TlsFiles.Loaded tls) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.bind())
                .setPort(config.port())
                .setStrictThreadMode(true)
                .setTcpNoDelay(true)
                // No cleartext HTTP/2: clients that ask to upgrade to h2c on http:// (java.net.http by
                // default, curl --http2) stumbled on the frames that follow the 101 in the same read
                // (curl 7.88 failed 8 % of 67 KB snapshots; java.net.http 2 % of 3.8 MB ones with a
                // frame-size error). Answered in HTTP/1.1 instead, they work; browsers use h2 over TLS only.
                .setHttp2ClearTextEnabled(false)
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
        // Over TLS Vert.x makes no connection object until the handshake is done (the handshake
        // timeout bounds that), so this timeout, set on every accepted socket, is the backstop for a
        // socket that has none yet; ConnectionGuard ends it once the connection exists.
        options.setIdleTimeout((int) config.connections().headerTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        if (tls != null) {
            // ALPN lets browsers pick h2 for the page and snapshots; WebSocket stays on HTTP/1.1.
            options.setSsl(true)
                    .setUseAlpn(true)
                    .setKeyCertOptions(tls.options())
                    .setSslHandshakeTimeout(config.connections().headerTimeout().toMillis())
                    .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return options;
    }

    /**
     * The options on {@code vertx}'s transport. On native epoll the kernel sizes the send buffer:
     * viewers' unsent bytes are bounded there ({@link ViewerConnection}), and a fixed 64 KB buffer
     * on top measured worse (200 viewers of 720p: p99 3.5 s against 0.27 s; docs/BENCHMARKS.md).
     */
    static HttpServerOptions options(HttpConfig config, TlsFiles.Loaded tls, Vertx vertx) {
        return options(vertx.isNativeTransportEnabled() ? config.withSendBufferBytes(0) : config, tls);
    }

    /** The routes, viewing ones behind the parts' gate (see {@link ViewerAuth}). */
    public static Router routes(Vertx vertx, HttpConfig config, Cameras cameras, ServerParts parts) {
        Gatekeeper gate = parts.gate();
        PublishAuth auth = new PublishAuth(config.token(), config.password(), gate.config().publishTokens());
        IngestHandler ingest = new IngestHandler(cameras, auth, config.maxFrameBytes());
        Variants variants = variants(vertx, new VariantSizes(config.variantWidths(), VariantSizes.DEFAULT_HEIGHTS));
        SnapshotHandler snapshots = new SnapshotHandler(cameras, variants, config.snapshotWait(), config.staleAfter(), cameras.clock());
        ClientAddress clients = ClientAddress.trusting(config.trustProxy());
        ViewerLoops loops = new ViewerLoops();
        StreamHandler streams = new StreamHandler(cameras, variants, loops, config.viewerQueueBytes(), clients);
        MultiCameraSocket multiSocket = new MultiCameraSocket(cameras, variants, loops, config.viewerQueueBytes(), clients);
        WebSocketPublishHandler socketIngest = new WebSocketPublishHandler(cameras, auth, config.maxFrameBytes(), clients);
        ApiHandler api = new ApiHandler(cameras, variants, config.staleAfter());
        ArchiveHandler archive = new ArchiveHandler(vertx, parts.archives(), new Timelapse("ffmpeg"), parts.archives().scratchDir(), cameras, clients);
        String live = config.defaultCamera();
        ViewerAuth viewers = new ViewerAuth(vertx, gate, cameras);
        Handler<RoutingContext> camera = viewers.camera(ctx -> ctx.pathParam("id"), ViewerAuth.Kind.MEDIA);
        Handler<RoutingContext> liveCamera = viewers.camera(ctx -> live, ViewerAuth.Kind.MEDIA);
        LoginHandler login = new LoginHandler(viewers);
        ShareHandler share = new ShareHandler(viewers);
        Handler<RoutingContext> grid = viewers.grid();
        parts.metrics().watchVariants(variants);
        MetricsHandler metricsPage = new MetricsHandler(parts.metrics(), new AdminAuth(MetricsHandler.ROUTE, config.metricsToken(), viewers, clients));
        CameraAdminHandler cameraAdmin = new CameraAdminHandler(vertx, parts.admin(),
                new AdminAuth(CameraAdminHandler.ROUTE, config.adminToken(), viewers, clients), api, clients);

        Router router = Router.router(vertx);
        router.post("/cameras/:id/frame").handler(ctx -> ingest.publishWithToken(ctx.request(), ctx.pathParam("id")));
        router.put("/cameras/:id/frame").handler(ctx -> ingest.publishWithToken(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/snapshot.jpg").handler(camera).handler(ctx -> snapshots.handle(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/stream.mjpg").handler(camera).handler(ctx -> streams.mjpeg(ctx.request(), ctx.pathParam("id"), viewers.deadline(ctx, ctx.pathParam("id"))));
        router.get("/cameras/:id/ws").handler(camera).handler(ctx -> streams.webSocket(ctx.request(), ctx.pathParam("id"), viewers.deadline(ctx, ctx.pathParam("id"))));
        router.get("/cameras/:id/archive").handler(camera).handler(ctx -> archive.summary(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/archive/frame.jpg").handler(camera).handler(ctx -> archive.frame(ctx.request(), ctx.pathParam("id")));
        router.get("/cameras/:id/archive/play.mjpg").handler(camera).handler(ctx -> archive.play(ctx.request(), ctx.pathParam("id"), config.viewerQueueBytes(),
                viewers.deadline(ctx, ctx.pathParam("id"))));
        router.get("/cameras/:id/archive/play.ws").handler(camera).handler(ctx -> archive.playSocket(ctx.request(), ctx.pathParam("id"),
                viewers.deadline(ctx, ctx.pathParam("id"))));
        router.get("/cameras/:id/archive/timelapse.mp4").handler(camera).handler(ctx -> archive.timelapse(ctx.request(), ctx.pathParam("id")));
        router.get(PublishProtocol.ROUTE).handler(ctx -> socketIngest.handle(ctx.request(), ctx.pathParam("id")));
        router.get("/ws").handler(viewers.caller()).handler(ctx -> multiSocket.handle(ctx.request(), viewers.visibility(ctx), viewers.shareOnly(ctx),
                viewers.userOnly(ctx, null)));
        // An unknown camera gets the same page, which says so and shows the camera once it exists.
        router.get("/cameras/:id").handler(viewers.camera(ctx -> ctx.pathParam("id"), ViewerAuth.Kind.PAGE)).handler(ctx -> page(ctx, cameras.get(ctx.pathParam("id")).isPresent() ? 200 : 404, "camera.html"));
        router.get("/api/cameras").handler(viewers.caller()).handler(ctx -> api.list(ctx.response(), viewers.visibility(ctx)));
        router.get("/api/cameras/:id").handler(viewers.camera(ctx -> ctx.pathParam("id"), ViewerAuth.Kind.API)).handler(ctx -> api.one(ctx.response(), ctx.pathParam("id")));
        router.put("/api/cameras/:id").handler(BodyHandler.create(false).setBodyLimit(CameraAdminHandler.MAX_BODY_BYTES))
                .handler(cameraAdmin::put);
        router.delete("/api/cameras/:id").handler(cameraAdmin::delete);
        router.get("/favicon.ico").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "image/svg+xml")
                .putHeader("Cache-Control", "max-age=86400")
                .sendFile("web/favicon.svg"));
        router.post("/api/cameras/:id/share").handler(viewers.caller()).handler(share::share);
        router.get("/login").handler(login::form);
        router.post("/login").handler(BodyHandler.create().setBodyLimit(8192)).handler(login::signIn);
        router.route("/logout").handler(login::signOut);
        router.get("/metrics").handler(metricsPage::handle);
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));

        // The Raspberry Pi tutorial's own client and page, and mjpg-streamer's URLs.
        router.post("/").handler(ctx -> ingest.publishWithPassword(ctx.request(), live));
        router.get("/live.jpeg").handler(liveCamera).handler(ctx -> snapshots.handle(ctx.request(), live));
        router.getWithRegex("/live([0-9]{1,5})x([0-9]{1,5})\\.jpeg").handler(liveCamera).handler(ctx -> snapshots.handle(ctx.request(), live,
                variants.sizes().snap(Integer.valueOf(ctx.pathParam("param0")), Integer.valueOf(ctx.pathParam("param1")))));
        router.get("/test").handler(viewers.camera(ctx -> live, ViewerAuth.Kind.PAGE)).handler(ctx -> page(ctx, "test.html"));
        router.get("/").handler(ctx -> {
            String action = ctx.request().getParam("action");
            if ("stream".equals(action) || "snapshot".equals(action)) {
                liveCamera.handle(ctx);
            } else {
                grid.handle(ctx);
            }
        }).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String action = request.getParam("action");
            if ("stream".equals(action)) {
                streams.mjpeg(request, live, viewers.deadline(ctx, live));
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

    /**
     * Starts serving; throws IllegalStateException at once if this Vert.x lacks the internals
     * streaming relies on, and {@link TlsFiles.UnusableException} if the certificate or key is.
     */
    public static Future<HttpServer> start(Vertx vertx, HttpConfig config, Cameras cameras, ServerParts parts) {
        NettyBridge.check();
        TlsFiles.Loaded tls = config.tls() == null ? null : config.tls().load();
        HttpServerOptions options = options(config, tls, vertx);
        Router router = routes(vertx, config, cameras, parts);
        ConnectionGuard guard = new ConnectionGuard(vertx, config.connections());
        HttpServer server = vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    AcceptFailures.accepted(); // ends a burst of failed accepts, if any
                    guard.opened(connection);
                })
                .requestHandler(request -> guard.admit(request, router));
        return server.listen().onSuccess(listening -> {
            log.info("Serving at most {} connections at once (--max-connections)", config.connections().maxConnections());
            if (tls != null) {
                log.info("HTTPS with HTTP/2 on port {}: {}", listening.actualPort(), tls.describe());
                CertificateReloader.start(vertx, listening, options.getSslOptions(), config.tls(), tls);
            }
        });
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
