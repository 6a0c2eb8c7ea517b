package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;
import org.livecam.variant.VariantSize;
import org.livecam.variant.Variants;

/**
 * The latest frame as one JPEG, with validators so that polling is cheap: a strong ETag per
 * frame (304 on a match) and {@code ?after=SEQ}, which waits up to a bounded time for a frame
 * newer than SEQ (on timeout it answers with the current frame). {@code ?width=}/{@code ?height=}
 * answer with a resized variant, made on the variant worker pool (shared with its stream
 * viewers) and never on the event loop. HEAD answers with the same status and headers (the
 * headers and conditions are {@link SnapshotHeaders}'). Runs on the event loop.
 */
final class SnapshotHandler {
    private final Cameras cameras;
    private final Variants variants;
    private final Duration maxWait;
    private final Duration staleAfter;
    private final Clock clock;

    SnapshotHandler(Cameras cameras, Variants variants, Duration maxWait, Duration staleAfter, Clock clock) {
        this.cameras = cameras;
        this.variants = variants;
        this.maxWait = maxWait;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    void handle(HttpServerRequest request, String cameraId) {
        VariantSize size;
        try {
            size = VariantQuery.parse(request, variants.sizes());
        } catch (Query.BadParameter e) {
            Errors.send(request.response(), 400, e.getMessage());
            return;
        }
        handle(request, cameraId, size);
    }

    /** The snapshot at {@code size}, or the original when it is null (the tutorial's /liveWxH.jpeg). */
    void handle(HttpServerRequest request, String cameraId, VariantSize size) {
        Camera camera = cameras.get(cameraId).orElse(null);
        if (camera == null) {
            Errors.send(request.response(), 404, "no camera '" + cameraId + "'");
            return;
        }
        Long after;
        try {
            after = Query.optionalLong(request, "after", 0, Long.MAX_VALUE);
        } catch (Query.BadParameter e) {
            Errors.send(request.response(), 400, e.getMessage());
            return;
        }
        // A camera whose source runs on demand starts it now; with no frame at all yet, wait for its first.
        if (camera.requestFrame() && after == null && camera.latest() == null) {
            after = 0L;
        }
        Frame current = camera.latest();
        if (after == null || (current != null && current.sequence() > after)) {
            deliver(request, camera, current, size);
        } else {
            new Waiter(Vertx.currentContext(), request, camera, after, size).start();
        }
    }

    private void deliver(HttpServerRequest request, Camera camera, Frame frame, VariantSize size) {
        if (frame == null || size == null) {
            send(request, camera, frame);
            return;
        }
        Context context = Vertx.currentContext();
        variants.resize(camera, frame, size).whenComplete((resized, failure) -> context.runOnContext(v -> {
            if (request.response().closed()) {
                return;
            }
            if (failure != null) { // the variants answer every frame; a worker pool shutting down is all that is left
                send(request, camera, frame);
            } else {
                request.response().putHeader(VariantQuery.HEADER, size.toString());
                send(request, camera, resized, variantEtag(resized));
            }
        }));
    }

    static String etag(Frame frame) {
        return "\"" + Long.toHexString(frame.receivedAt().toEpochMilli()) + "-" + frame.sequence() + "\"";
    }

    /** A variant is other bytes of the same frame, so its tag names its size too. */
    static String variantEtag(Frame frame) {
        return "\"" + Long.toHexString(frame.receivedAt().toEpochMilli()) + "-" + frame.sequence()
                + "-" + frame.width() + "x" + frame.height() + "\"";
    }

    private void send(HttpServerRequest request, Camera camera, Frame frame) {
        send(request, camera, frame, frame == null ? null : etag(frame));
    }

    private void send(HttpServerRequest request, Camera camera, Frame frame, String etag) {
        HttpServerResponse response = request.response();
        if (frame == null) {
            response.putHeader("Retry-After", "1");
            Errors.send(response, 503, "camera has no frame yet; publish one or wait for its source");
            return;
        }
        Instant now = clock.instant();
        SnapshotHeaders.put(response, frame, etag, now, frame.restored() || camera.isStale(staleAfter));
        if (SnapshotHeaders.notModified(request, frame, etag)) {
            response.setStatusCode(304).end();
            return;
        }
        // Set here because Vert.x leaves it out of a HEAD answer, which must carry GET's headers.
        response.putHeader("Content-Type", "image/jpeg").putHeader("Content-Length", Integer.toString(frame.size()));
        if (request.method() == HttpMethod.HEAD) {
            response.end(); // Vert.x drops a HEAD answer's body over HTTP/1.1 but sends it over HTTP/2
        } else {
            response.end(NettyBridge.buffer(frame));
        }
    }

    /** A one-shot viewer: the first frame newer than {@code after} answers the request. */
    private final class Waiter implements Viewer {
        private final Context context;
        private final HttpServerRequest request;
        private final Camera camera;
        private final long after;
        private final VariantSize size;
        private long timer = -1;
        private boolean done;

        Waiter(Context context, HttpServerRequest request, Camera camera, long after, VariantSize size) {
            this.context = context;
            this.request = request;
            this.camera = camera;
            this.after = after;
            this.size = size;
        }

        void start() {
            timer = context.owner().setTimer(maxWait.toMillis(), id -> finish(camera.latest()));
            request.response().closeHandler(v -> finish(null));
            camera.subscribe(this);
        }

        @Override
        public void offer(Frame frame) {
            if (frame.sequence() > after) {
                context.runOnContext(v -> finish(frame));
            }
        }

        /** The camera was removed while this waited: it answers as for any camera that does not exist. */
        @Override
        public void ended() {
            context.runOnContext(v -> {
                if (!done) {
                    done = true;
                    context.owner().cancelTimer(timer);
                    Errors.send(request.response(), 404, "camera " + camera.id() + " was removed");
                }
            });
        }

        /** On the event loop; the first call wins. */
        private void finish(Frame frame) {
            if (done) {
                return;
            }
            done = true;
            camera.unsubscribe(this);
            context.owner().cancelTimer(timer);
            if (!request.response().closed()) {
                deliver(request, camera, frame, size);
            }
        }
    }
}
