package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cameras/{id}/ws}: one camera streamed over a WebSocket. For every frame the
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
        WatchRequest watch = WatchRequest.read(request, cameraId, cameras, variants.sizes());
        if (watch == null) {
            return;
        }
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(request.connection());
        request.toWebSocket()
                .onSuccess(socket -> watch(socket, channel, watch))
                .onFailure(e -> log.debug("WebSocket upgrade for camera {} failed: {}", cameraId, e.toString()));
    }

    private void watch(ServerWebSocket socket, NettyBridge.ChannelLink channel, WatchRequest watch) {
        Camera camera = watch.camera();
        FramePump pump = ViewerConnection.webSocket(socket, channel, viewerQueueBytes);
        socket.handler(ignored -> { });
        pump.watch(camera, watch.maxFps(), variants.feed(camera, watch.size()));
        socket.closeHandler(v -> {
            pump.close();
            log.info("WebSocket viewer left camera {} from {} ({} watching)", camera.id(), socket.remoteAddress(), camera.audience());
        });
        socket.exceptionHandler(e -> log.debug("WebSocket viewer of {}: {}", camera.id(), e.toString()));
        log.info("WebSocket viewer joined camera {} from {} ({} watching)", camera.id(), socket.remoteAddress(), camera.audience());
    }
}
