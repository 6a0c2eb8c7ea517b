package org.livecam.http;

import io.vertx.core.json.JsonObject;
import org.livecam.frame.Frame;

/**
 * The text message that goes before each binary frame on a viewer WebSocket, built once per
 * frame and shared by every viewer:
 *
 * <pre>{"type":"frame","camera":"cam1","seq":42,"time":1700000000123,"width":640,"height":360,"bytes":31337,"stale":false}</pre>
 *
 * {@code time} is when the server received the frame, in epoch milliseconds, so a page on a
 * synchronised clock can show latency; {@code bytes} is the length of the binary message that
 * follows at once (nothing else is written between the two).
 */
final class FramePreamble {
    private static final Object KEY = new Object();

    private FramePreamble() {
    }

    static String of(Frame frame) {
        return frame.derive(KEY, FramePreamble::make);
    }

    private static String make(Frame frame) {
        return new JsonObject()
                .put("type", "frame")
                .put("camera", frame.cameraId())
                .put("seq", frame.sequence())
                .put("time", frame.receivedAt().toEpochMilli())
                .put("width", frame.width())
                .put("height", frame.height())
                .put("bytes", frame.size())
                .put("stale", frame.restored())
                .encode();
    }
}
