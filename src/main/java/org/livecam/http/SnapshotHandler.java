package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;

/**
 * The latest frame as one JPEG, with validators so that polling is cheap: a strong ETag per
 * frame (304 on a match) and {@code ?after=SEQ}, which waits up to a bounded time for a frame
 * newer than SEQ (on timeout it answers with the current frame). Runs on the event loop.
 */
final class SnapshotHandler {
    private final Cameras cameras;
    private final Duration maxWait;

    SnapshotHandler(Cameras cameras, Duration maxWait) {
        this.cameras = cameras;
        this.maxWait = maxWait;
    }

    void handle(HttpServerRequest request, String cameraId) {
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
            send(request, current);
        } else {
            new Waiter(Vertx.currentContext(), request, camera, after).start();
        }
    }

    static String etag(Frame frame) {
        return "\"" + Long.toHexString(frame.receivedAt().toEpochMilli()) + "-" + frame.sequence() + "\"";
    }

    private static void send(HttpServerRequest request, Frame frame) {
        HttpServerResponse response = request.response();
        if (frame == null) {
            response.putHeader("Retry-After", "1");
            Errors.send(response, 503, "camera has no frame yet; publish one or wait for its source");
            return;
        }
        String etag = etag(frame);
        response.putHeader("ETag", etag)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(frame.receivedAt().atOffset(ZoneOffset.UTC)))
                .putHeader("X-Frame-Sequence", Long.toString(frame.sequence()))
                .putHeader("X-Frame-Timestamp", Long.toString(frame.receivedAt().toEpochMilli()))
                .putHeader("X-Frame-Stale", Boolean.toString(frame.stale()))
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Expose-Headers", "ETag, X-Frame-Sequence, X-Frame-Timestamp, X-Frame-Stale");
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader("Content-Type", "image/jpeg").end(frame.buffer());
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** A one-shot viewer: the first frame newer than {@code after} answers the request. */
    private final class Waiter implements Viewer {
        private final Context context;
        private final HttpServerRequest request;
        private final Camera camera;
        private final long after;
        private long timer = -1;
        private boolean done;

        Waiter(Context context, HttpServerRequest request, Camera camera, long after) {
            this.context = context;
            this.request = request;
            this.camera = camera;
            this.after = after;
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

        /** On the event loop; the first call wins. */
        private void finish(Frame frame) {
            if (done) {
                return;
            }
            done = true;
            camera.unsubscribe(this);
            context.owner().cancelTimer(timer);
            if (!request.response().closed()) {
                send(request, frame);
            }
        }
    }
}
