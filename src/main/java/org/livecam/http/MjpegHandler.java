package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /cameras/{id}/stream.mjpg}: an endless multipart stream, one viewer per connection. */
final class MjpegHandler {
    private static final Logger log = LoggerFactory.getLogger(MjpegHandler.class);

    private final Cameras cameras;
    private final Variants variants;
    private final int viewerQueueBytes;

    MjpegHandler(Cameras cameras, Variants variants, int viewerQueueBytes) {
        this.cameras = cameras;
        this.variants = variants;
        this.viewerQueueBytes = viewerQueueBytes;
    }

    void handle(HttpServerRequest request, String cameraId) {
        WatchRequest watch = WatchRequest.read(request, cameraId, cameras, variants.sizes());
        if (watch == null) {
            return;
        }
        Camera camera = watch.camera();
        HttpServerResponse response = request.response();
        FramePump pump = ViewerConnection.mjpeg(request, viewerQueueBytes);
        pump.watch(camera, watch.maxFps(), variants.feed(camera, watch.size()));
        response.closeHandler(v -> {
            pump.close();
            log.info("MJPEG viewer left camera {} from {} ({} watching)", camera.id(), request.remoteAddress(), camera.audience());
        });
        response.exceptionHandler(e -> log.debug("MJPEG viewer of {}: {}", camera.id(), e.toString()));
        log.info("MJPEG viewer joined camera {} from {} ({} watching)", camera.id(), request.remoteAddress(), camera.audience());
    }
}
