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
    void mjpeg(HttpServerRequest request, String cameraId, AccessDeadline shared) {
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
        // Vert.x forgets a response once it has ended, and calls no close handler for it: ending the
        // body (camera removed, share link ended) is this viewer's leaving.
        Runnable leave = serve("MJPEG", watch, pump, clients.of(request), response::closeHandler, response::exceptionHandler, shared,
                why -> endBody(response), true);
        pump.onEnded(camera -> {
            endBody(response);
            leave.run();
        });
    }

    private static void endBody(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    void webSocket(HttpServerRequest request, String cameraId, AccessDeadline shared) {
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
                            why -> socket.close((short) 1008, why), false); // the close handler follows a close
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

    /**
     * Feeds the viewer's pump from its camera until it leaves; returns its leaving (once, however
     * often called: the connection closing, the camera removed, the share link ending), which
     * stops the share checks, closes the pump and says so. {@code endsWithItsBody}: no close
     * handler follows {@code expire}, so the stream leaves at once.
     */
    private Runnable serve(String framing, WatchRequest watch, FramePump pump, String from, Consumer<Handler<Void>> onClose,
                           Consumer<Handler<Throwable>> onError, AccessDeadline shared, Consumer<String> expire, boolean endsWithItsBody) {
        Camera camera = watch.camera();
        if (watch.autoWidth()) {
            pump.watchAuto(camera, watch.maxFps(), variants);
        } else {
            pump.watch(camera, watch.maxFps(), variants.feed(camera, watch.size()));
        }
        Runnable[] stopChecking = {AccessDeadline.UNARMED};
        boolean[] left = {false};
        Runnable leave = () -> {
            if (!left[0]) {
                left[0] = true;
                stopChecking[0].run();
                pump.close();
                log.info("{} viewer left camera {} from {} ({} watching)", framing, camera.id(), from, camera.audience());
            }
        };
        stopChecking[0] = AccessDeadline.arm(shared, why -> {
            log.info("{} viewer of camera {} from {}: {}, the stream ends", framing, camera.id(), from, why);
            expire.accept(why);
            if (endsWithItsBody) {
                leave.run();
            }
        });
        onClose.accept(v -> leave.run());
        onError.accept(e -> log.debug("{} viewer of {}: {}", framing, camera.id(), e.toString()));
        log.info("{} viewer joined camera {} from {} ({} watching)", framing, camera.id(), from, camera.audience());
        return leave;
    }
}
