package org.livecam.http;

import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.Frame;

/**
 * Frames onto a viewer WebSocket: a {@link FramePreamble} text message, then the JPEG as one
 * binary message. The binary is the frame's own buffer (unpooled direct memory, which Vert.x
 * sends without its defensive copy), so every viewer writes the same bytes. Event loop only.
 */
final class WebSocketViewer implements FramePump.Output {
    private final ServerWebSocket socket;

    WebSocketViewer(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public boolean writeQueueFull() {
        // A socket closed under us throws from writeQueueFull(); its close handler is on its way.
        return socket.isClosed() || socket.writeQueueFull();
    }

    @Override
    public void write(FramePump.Lane lane, Frame frame) {
        socket.writeTextMessage(FramePreamble.of(frame));
        socket.writeBinaryMessage(frame.buffer());
    }
}
