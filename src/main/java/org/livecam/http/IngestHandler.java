package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import org.livecam.frame.CameraId;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.FrameTooLargeException;
import org.livecam.frame.InvalidJpegException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing a frame over HTTP: {@code POST|PUT /cameras/{id}/frame} with a bearer token, and
 * the tutorial's {@code POST /?password=} for the default camera. The body is checked at the
 * edge (size before reading, then JPEG markers and the pixels its header claims: 413 over
 * {@code --max-frame-pixels}) and a bad one changes nothing.
 * Runs on the connection's event loop.
 */
final class IngestHandler {
    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
    /** How long a refused upload's body is still read and dropped before the connection closes. */
    static final long LINGER_MILLIS = 2000;

    private final Cameras cameras;
    private final PublishAuth auth;
    private final int maxFrameBytes;

    IngestHandler(Cameras cameras, PublishAuth auth, int maxFrameBytes) {
        this.cameras = cameras;
        this.auth = auth;
        this.maxFrameBytes = maxFrameBytes;
    }

    void publishWithToken(HttpServerRequest request, String cameraId) {
        String denied = auth.checkBearer(request, cameraId);
        if (denied != null) {
            request.response().putHeader("WWW-Authenticate", "Bearer realm=\"livecam\"");
            refuse(request, 401, denied);
            return;
        }
        if (!CameraId.isValid(cameraId)) {
            refuse(request, 400, "camera id must be " + CameraId.RULE);
            return;
        }
        readAndPublish(request, cameraId);
    }

    void publishWithPassword(HttpServerRequest request, String cameraId) {
        if (!auth.passwordEnabled()) {
            refuse(request, 401, "password uploads are off: start the server with --password (or PASSWORD in the environment)");
            return;
        }
        if (!auth.checkPassword(request.getParam("password"))) {
            refuse(request, 401, "wrong or missing ?password=");
            return;
        }
        readAndPublish(request, cameraId);
    }

    private void readAndPublish(HttpServerRequest request, String cameraId) {
        String declared = request.getHeader("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                refuse(request, 400, "Content-Length is not a number");
                return;
            }
            if (length > maxFrameBytes) {
                refuse(request, 413, "frame of " + length + " bytes is over the limit of " + maxFrameBytes + " bytes (--max-frame-bytes)");
                return;
            }
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        Buffer body = Buffer.buffer(length > 0 ? (int) length : 64 * 1024);
        boolean[] tooLarge = new boolean[1];
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxFrameBytes) {
                tooLarge[0] = true;
                refuse(request, 413, "frame is over the limit of " + maxFrameBytes + " bytes (--max-frame-bytes)");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                publish(request, cameraId, body);
            }
        });
        request.exceptionHandler(e -> log.debug("Upload to camera {} broke off: {}", cameraId, e.toString()));
        request.resume();
    }

    private void publish(HttpServerRequest request, String cameraId, Buffer body) {
        Frame frame;
        try {
            frame = cameras.publish(cameraId, NettyBridge.view(body));
        } catch (FrameTooLargeException e) {
            Errors.send(request.response(), 413, e.getMessage());
            return;
        } catch (InvalidJpegException e) {
            Errors.send(request.response(), body.length() == 0 ? 400 : 415, e.getMessage() + multipartHint(request, body));
            return;
        }
        log.debug("Published {}", frame);
        request.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("camera", frame.cameraId())
                        .put("sequence", frame.sequence())
                        .put("width", frame.width())
                        .put("height", frame.height())
                        .put("bytes", frame.size())
                        .encode());
    }

    /** curl -F wraps the file in a form; the frame has to be the whole body. */
    private static String multipartHint(HttpServerRequest request, Buffer body) {
        String type = request.getHeader("Content-Type");
        boolean form = (type != null && type.toLowerCase().startsWith("multipart/form-data"))
                || (body.length() >= 2 && body.getByte(0) == '-' && body.getByte(1) == '-');
        return form ? "; this looks like a multipart form upload (curl -F): send the JPEG as the whole body, "
                + "as in curl --data-binary @frame.jpg -H 'Content-Type: image/jpeg'" : "";
    }

    /**
     * Answers before the body is read and closes the connection, so the body is never buffered.
     * Not at once: closing with the client's body still arriving makes the kernel reset the
     * connection, and a reset throws away the answer in the client's receive buffer (the JDK
     * client then reports that it got no bytes at all). So what still comes is read and dropped
     * for at most {@link #LINGER_MILLIS}, as nginx's lingering close does, then the connection closes.
     */
    private static void refuse(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        // HTTP/1.1 has no other way to stop an unread body. HTTP/2 (over TLS)
        // ends just this stream: closing the connection would kill every other request on it.
        if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
            response.putHeader("Connection", "close");
            response.endHandler(v -> lingerThenClose(request));
        }
        Errors.send(response, status, message);
    }

    private static void lingerThenClose(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            connection.close();
        };
        request.handler(dropped -> { });
        request.endHandler(v -> close.run());
        request.exceptionHandler(e -> close.run());
        request.resume();
    }
}
