package org.livecam.http;

import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.Frame;

/**
 * Frames onto a viewer WebSocket: a {@link FramePreamble} text message, then the JPEG as one
 * binary message. The binary is the frame's own direct memory ({@link NettyBridge#buffer}),
 * which Vert.x sends without its defensive copy, so every viewer writes the same bytes. When to
 * write is the {@link FramePump}'s business. Event loop only.
 */
final class WebSocketWriter implements FramePump.Transport {
    private final ServerWebSocket socket;

    WebSocketWriter(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void write(Frame frame) {
        socket.writeTextMessage(FramePreamble.of(frame));
        socket.writeBinaryMessage(NettyBridge.buffer(frame));
    }
}
