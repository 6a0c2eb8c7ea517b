package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.FrameFeed;
import org.livecam.variant.VariantSize;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cameras/{id}/ws}: one camera pushed over a WebSocket. For every frame the
 * server sends a {@link FramePreamble} text message and then the JPEG as one binary message;
 * latest frame wins exactly as for MJPEG. {@code ?fps=} caps the rate, {@code ?width=} and
 * {@code ?height=} pick a resized variant. Messages from the client are ignored.
 * Runs on the connection's event loop.
 */
final class WebSocketViewerHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketViewerHandler.class);

    private final Cameras cameras;
    private final Variants variants;
    private final int viewerQueueBytes;

    WebSocketViewerHandler(Cameras cameras, Variants variants, int viewerQueueBytes) {
        this.cameras = cameras;
        this.variants = variants;
        this.viewerQueueBytes = viewerQueueBytes;
    }

    void handle(HttpServerRequest request, String cameraId) {
        Camera camera = cameras.get(cameraId).orElse(null);
        if (camera == null) {
            Errors.send(request.response(), 404, "no camera '" + cameraId + "'");
            return;
        }
        double fps;
        VariantSize size;
        try {
            Double maxFps = Query.optionalDouble(request, "fps", 0.01, 1000);
            fps = maxFps == null ? 0 : maxFps;
            size = VariantQuery.parse(request, variants.sizes());
        } catch (Query.BadParameter e) {
            Errors.send(request.response(), 400, e.getMessage());
            return;
        }
        request.toWebSocket()
                .onSuccess(socket -> watch(socket, camera, fps, size))
                .onFailure(e -> log.debug("WebSocket upgrade for camera {} failed: {}", cameraId, e.toString()));
    }

    private void watch(ServerWebSocket socket, Camera camera, double fps, VariantSize size) {
        Context context = Vertx.currentContext();
        socket.setWriteQueueMaxSize(viewerQueueBytes);
        FramePump pump = new FramePump(context, new WebSocketViewer(socket));
        FramePump.Lane lane = pump.open(camera, fps);
        FrameFeed feed = variants.feed(camera, size);
        socket.drainHandler(v -> pump.pump());
        socket.closeHandler(v -> {
            pump.closeAll();
            feed.unsubscribe(lane);
            log.info("WebSocket viewer left camera {} from {} ({} watching)", camera.id(), socket.remoteAddress(), camera.viewerCount());
        });
        socket.exceptionHandler(e -> log.debug("WebSocket viewer of {}: {}", camera.id(), e.toString()));
        socket.handler(ignored -> { });
        feed.subscribe(lane);
        log.info("WebSocket viewer joined camera {} from {} ({} watching)", camera.id(), socket.remoteAddress(), camera.viewerCount());
    }
}
