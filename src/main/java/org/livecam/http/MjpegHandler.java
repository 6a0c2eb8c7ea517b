package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.FrameFeed;
import org.livecam.variant.VariantSize;
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
        Camera camera = cameras.get(cameraId).orElse(null);
        if (camera == null) {
            Errors.send(request.response(), 404, "no camera '" + cameraId + "'");
            return;
        }
        Double fps;
        VariantSize size;
        try {
            fps = Query.optionalDouble(request, "fps", 0.01, 1000);
            size = VariantQuery.parse(request, variants.sizes());
        } catch (Query.BadParameter e) {
            Errors.send(request.response(), 400, e.getMessage());
            return;
        }
        HttpServerResponse response = request.response();
        response.setChunked(true)
                .setWriteQueueMaxSize(viewerQueueBytes)
                .putHeader("Content-Type", MjpegParts.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
                .putHeader("Pragma", "no-cache")
                .putHeader("X-Accel-Buffering", "no") // nginx in front must not buffer an endless body
                .putHeader("Access-Control-Allow-Origin", "*");
        response.write(MjpegParts.OPENING);

        FramePump pump = new FramePump(Vertx.currentContext(), new MjpegViewer(response));
        FramePump.Lane viewer = pump.open(camera, fps == null ? 0 : fps);
        FrameFeed feed = variants.feed(camera, size);
        response.drainHandler(v -> pump.pump());
        response.closeHandler(v -> {
            pump.closeAll();
            feed.unsubscribe(viewer);
            log.info("MJPEG viewer left camera {} from {} ({} watching)", camera.id(), request.remoteAddress(), camera.viewerCount());
        });
        response.exceptionHandler(e -> log.debug("MJPEG viewer of {}: {}", camera.id(), e.toString()));
        feed.subscribe(viewer);
        log.info("MJPEG viewer joined camera {} from {} ({} watching)", camera.id(), request.remoteAddress(), camera.viewerCount());
    }
}
