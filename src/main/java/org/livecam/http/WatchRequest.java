package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/**
 * What a streaming viewer asked for: a camera that exists, {@code ?fps=} (0 for every frame) and
 * {@code ?width=}/{@code ?height=} (null for the original), or {@code ?width=auto} (size null,
 * {@code autoWidth} true: the size follows the viewer's link). Shared by MJPEG and WebSocket.
 */
record WatchRequest(Camera camera, double maxFps, VariantSize size, boolean autoWidth) {
    /** The request's wishes, or null after answering 404 or 400. Event loop only. */
    static WatchRequest read(HttpServerRequest request, String cameraId, Cameras cameras, VariantSizes sizes) {
        Camera camera = cameras.get(cameraId).orElse(null);
        if (camera == null) {
            Errors.send(request.response(), 404, "no camera '" + cameraId + "'");
            return null;
        }
        try {
            Double fps = Query.optionalDouble(request, "fps", 0.01, 1000);
            boolean auto = VariantQuery.isAuto(request) && request.getParam("height") == null;
            return new WatchRequest(camera, fps == null ? 0 : fps, VariantQuery.parse(request, sizes), auto);
        } catch (Query.BadParameter e) {
            Errors.send(request.response(), 400, e.getMessage());
            return null;
        }
    }
}
