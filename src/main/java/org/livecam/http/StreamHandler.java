package org.livecam.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera streamed to one viewer per connection, latest frame first, in either of two
 * framings: {@code GET /cameras/{id}/stream.mjpg}, an endless multipart stream; and
 * {@code GET /cameras/{id}/ws}, a WebSocket on which the server sends, for every frame, a
 * {@link FramePreamble} text message and then the JPEG as one binary message (messages from the
 * client are ignored). {@code ?fps=} caps the rate, {@code ?width=} and {@code ?height=} pick a
 * resized variant, {@code ?width=auto} the one the viewer's link holds ({@link AutoWidth}). Runs on the connection's event loop.
 */
final class StreamHandler {
    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);

    private final Cameras cameras;
    private final Variants variants;
    private final ViewerLoops loops;
    private final int viewerQueueBytes;
    private final ClientAddress clients;

    StreamHandler(Cameras cameras, Variants variants, ViewerLoops loops, int viewerQueueBytes, ClientAddress clients) {
        this.clients = clients;
        this.cameras = cameras;
        this.variants = variants;
        this.loops = loops;
        this.viewerQueueBytes = viewerQueueBytes;
    }

    /** A stream that only a share link let in ({@code shared}, else null) ends when the link expires or is revoked. */
    void mjpeg(HttpServerRequest request, String cameraId, ShareDeadline shared) {
        WatchRequest watch = WatchRequest.read(request, cameraId, cameras, variants.sizes());
        if (watch == null) {
            return;
        }
        HttpServerResponse response = request.response();
        nameVariantSize(response, watch);
        if (request.method() == HttpMethod.HEAD) {
            MjpegWriter.head(response); // an endless body has only its head to show; nobody joins
            response.end();
            return;
        }
        FramePump pump = ViewerConnection.mjpeg(request, loops, viewerQueueBytes, clients.of(request));
        pump.onEnded(camera -> response.end()); // the camera was removed: the stream ends, the close handler follows
        serve("MJPEG", watch, pump, clients.of(request), response::closeHandler, response::exceptionHandler, shared, why -> {
            pump.close();
            response.end(); // as when the camera is removed
        });
    }

    void webSocket(HttpServerRequest request, String cameraId, ShareDeadline shared) {
        WatchRequest watch = WatchRequest.read(request, cameraId, cameras, variants.sizes());
        if (watch == null) {
            return;
        }
        nameVariantSize(request.response(), watch); // Vert.x sends these headers with the 101
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(request.connection());
        request.toWebSocket()
                .onSuccess(socket -> {
                    FramePump pump = ViewerConnection.webSocket(socket, channel, loops, viewerQueueBytes, clients.of(socket));
                    socket.handler(ignored -> { });
                    pump.onEnded(camera -> socket.close((short) 1001, "camera removed"));
                    serve("WebSocket", watch, pump, clients.of(socket), socket::closeHandler, socket::exceptionHandler, shared,
                            why -> socket.close((short) 1008, why));
                })
                .onFailure(e -> log.debug("WebSocket upgrade for camera {} failed: {}", cameraId, e.toString()));
    }

    /** Says which size ?width=/?height= snapped to, readable by pages of other origins too. */
    private static void nameVariantSize(HttpServerResponse response, WatchRequest watch) {
        if (watch.size() != null || watch.autoWidth()) {
            response.putHeader(VariantQuery.HEADER, watch.autoWidth() ? VariantQuery.AUTO : watch.size().toString())
                    .putHeader("Access-Control-Expose-Headers", VariantQuery.HEADER);
        }
    }

    /** Feeds the viewer's pump from its camera until the connection closes. */
    private void serve(String framing, WatchRequest watch, FramePump pump, String from,
                       Consumer<Handler<Void>> onClose, Consumer<Handler<Throwable>> onError, ShareDeadline shared, Consumer<String> expire) {
        Camera camera = watch.camera();
        if (watch.autoWidth()) {
            pump.watchAuto(camera, watch.maxFps(), variants);
        } else {
            pump.watch(camera, watch.maxFps(), variants.feed(camera, watch.size()));
        }
        long expiry = shared == null ? -1 : shared.arm(why -> {
            log.info("{} viewer of camera {} from {}: {}, the stream ends", framing, camera.id(), from, why);
            expire.accept(why);
        });
        onClose.accept(v -> {
            ShareDeadline.cancel(expiry);
            pump.close();
            log.info("{} viewer left camera {} from {} ({} watching)", framing, camera.id(), from, camera.audience());
        });
        onError.accept(e -> log.debug("{} viewer of {}: {}", framing, camera.id(), e.toString()));
        log.info("{} viewer joined camera {} from {} ({} watching)", framing, camera.id(), from, camera.audience());
    }
}
