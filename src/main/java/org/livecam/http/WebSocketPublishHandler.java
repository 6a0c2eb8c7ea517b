package org.livecam.http;

import static org.livecam.publish.PublishProtocol.MESSAGE_TOO_BIG;
import static org.livecam.publish.PublishProtocol.POLICY_VIOLATION;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.CameraId;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.InvalidJpegException;
import org.livecam.publish.PublishProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cameras/{id}/publish}: a camera publishes frames over one WebSocket instead of a
 * POST per frame (no request headers per frame, no new connection after a failure). The
 * protocol, which {@code livecam push --transport ws} speaks too, is {@link PublishProtocol}.
 *
 * <p>This side's part of it: a publisher without the Authorization header has
 * {@value #AUTH_TIMEOUT_MILLIS} ms to send its token message; a binary message may come in any
 * fragmentation; each frame is validated as on {@code POST /cameras/{id}/frame} (a frame over
 * {@code --max-frame-pixels} gets an error message that names the limit), and a bad one
 * changes nothing (viewers keep the last good frame). An uploader that wants newest-frame-only
 * sends its next frame when the answer to the previous one arrives.
 * Runs on the connection's event loop.
 */
final class WebSocketPublishHandler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketPublishHandler.class);
    static final long AUTH_TIMEOUT_MILLIS = 10_000;

    private final Cameras cameras;
    private final PublishAuth auth;
    private final int maxFrameBytes;
    private final ClientAddress clients;

    WebSocketPublishHandler(Cameras cameras, PublishAuth auth, int maxFrameBytes, ClientAddress clients) {
        this.clients = clients;
        this.cameras = cameras;
        this.auth = auth;
        this.maxFrameBytes = maxFrameBytes;
    }

    void handle(HttpServerRequest request, String cameraId) {
        if (!CameraId.isValid(cameraId)) {
            Errors.send(request.response(), 400, "camera id must be " + CameraId.RULE);
            return;
        }
        String headerDenied = request.getHeader("Authorization") == null ? null : auth.checkBearer(request, cameraId);
        boolean headerAccepted = request.getHeader("Authorization") != null && headerDenied == null;
        request.toWebSocket()
                .onSuccess(socket -> {
                    if (headerDenied != null) {
                        socket.close(POLICY_VIOLATION, headerDenied);
                    } else {
                        new Session(socket, cameraId, headerAccepted).start();
                    }
                })
                .onFailure(e -> log.debug("WebSocket publish upgrade for {} failed: {}", cameraId, e.toString()));
    }

    /** One publishing socket. Event loop only. */
    private final class Session {
        private final ServerWebSocket socket;
        private final String cameraId;
        private boolean authorised;
        private long timer = -1;
        private long published;

        Session(ServerWebSocket socket, String cameraId, boolean authorised) {
            this.socket = socket;
            this.cameraId = cameraId;
            this.authorised = authorised;
        }

        void start() {
            socket.textMessageHandler(this::onText);
            socket.binaryMessageHandler(this::onFrame);
            socket.exceptionHandler(this::onError);
            socket.closeHandler(v -> {
                Vertx.currentContext().owner().cancelTimer(timer);
                log.info("WebSocket publisher of camera {} left from {} after {} frames", cameraId, clients.of(socket), published);
            });
            if (authorised) {
                ready();
            } else {
                timer = Vertx.currentContext().owner().setTimer(AUTH_TIMEOUT_MILLIS,
                        id -> socket.close(POLICY_VIOLATION, "no publish token: send {\"token\":\"TOKEN\"} first"));
            }
        }

        private void ready() {
            log.info("WebSocket publisher of camera {} joined from {}", cameraId, clients.of(socket));
            socket.writeTextMessage(PublishProtocol.ready(cameraId));
        }

        /**
         * A message reassembled from fragments past the limit only reaches us as an exception
         * (Vert.x drops the buffer); without an answer the publisher would wait out its timeout.
         */
        private void onError(Throwable e) {
            if (NettyBridge.isMessageTooBig(e) && !socket.isClosed()) {
                socket.close(MESSAGE_TOO_BIG, "frame over the limit of " + maxFrameBytes + " bytes (--max-frame-bytes)");
                return;
            }
            log.debug("WebSocket publisher of {}: {}", cameraId, e.toString());
        }

        private void onText(String text) {
            if (authorised) {
                error("send frames as binary messages; text is only for {\"token\":...} before the first frame");
                return;
            }
            String token = PublishProtocol.tokenIn(text);
            Vertx.currentContext().owner().cancelTimer(timer);
            if (!auth.checkToken(token, cameraId)) {
                socket.close(POLICY_VIOLATION, token == null ? "the first message must be {\"token\":\"TOKEN\"}" : "wrong publish token");
                return;
            }
            authorised = true;
            ready();
        }

        private void onFrame(Buffer message) {
            if (!authorised) {
                socket.close(POLICY_VIOLATION, "no publish token: send {\"token\":\"TOKEN\"} before frames, or the Authorization header");
                return;
            }
            Frame frame;
            try {
                frame = cameras.publish(cameraId, NettyBridge.view(message));
            } catch (InvalidJpegException e) {
                error(e.getMessage());
                return;
            }
            published++;
            log.debug("Published {} over WebSocket", frame);
            socket.writeTextMessage(PublishProtocol.published(frame.cameraId(), frame.sequence(), frame.width(), frame.height(), frame.size()));
        }

        private void error(String message) {
            socket.writeTextMessage(PublishProtocol.error(cameraId, message));
        }
    }
}
