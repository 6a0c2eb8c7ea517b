package org.livecam.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import org.livecam.frame.Frame;

/**
 * Frames onto a viewer WebSocket: a {@link FramePreamble} text message, then the JPEG as one
 * binary message. The binary is the frame's own buffer (unpooled direct memory, which Vert.x
 * sends without its defensive copy), so every viewer writes the same bytes. Event loop only.
 *
 * <p>Back-pressure reads the socket's channel itself. A Vert.x 5 server WebSocket does not
 * inherit strict thread mode, so its {@code writeQueueFull()} counts queued messages (full at
 * 16) and would let eight frames of two messages pile up for a slow viewer: seconds of old
 * frames at 200 KB/s. The channel's writability is bytes, set by the write-queue size.
 */
final class WebSocketViewer implements FramePump.Output {
    private final ServerWebSocket socket;
    private final Channel channel;

    private WebSocketViewer(ServerWebSocket socket, Channel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /**
     * Sets up latest-frame-wins sending on {@code socket}: call on its event loop, right after
     * the upgrade. {@code channel} is the upgraded request's (vertx-web hides the socket's own).
     */
    static FramePump pump(Context context, ServerWebSocket socket, Channel channel, int queueBytes) {
        socket.setWriteQueueMaxSize(queueBytes);
        FramePump pump = new FramePump(context, new WebSocketViewer(socket, channel));
        socket.drainHandler(v -> pump.pump());
        if (channel != null) {
            // Vert.x's drain handler follows its own message queue, which we keep empty; the
            // channel saying it has room again is what must wake the pump.
            channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    if (ctx.channel().isWritable()) {
                        context.runOnContext(v -> pump.pump());
                    }
                    ctx.fireChannelWritabilityChanged();
                }
            });
        }
        return pump;
    }

    @Override
    public boolean writeQueueFull() {
        // A socket closed under us throws from writeQueueFull(); its close handler is on its way.
        return socket.isClosed() || (channel != null && !channel.isWritable()) || socket.writeQueueFull();
    }

    @Override
    public void slowViewer() {
        SlowViewerBuffers.shrink(channel);
    }

    @Override
    public void write(FramePump.Lane lane, Frame frame) {
        socket.writeTextMessage(FramePreamble.of(frame));
        socket.writeBinaryMessage(frame.buffer());
    }
}
