package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.streams.WriteStream;
import java.util.function.BooleanSupplier;
import org.livecam.frame.Camera;

/**
 * The one way to set up a streaming viewer, and the one definition of "writable" for it: a
 * {@link FramePump} over the connection, with its write-queue size, the wake-ups that resume
 * it when the connection has room again, and small buffers for a slow viewer. The transport
 * passed in only frames bytes. Event loop only.
 */
final class ViewerConnection implements FramePump.Connection {
    private final WriteStream<Buffer> stream;
    private final BooleanSupplier streamClosed;
    private final NettyBridge.ChannelLink channel;
    private final ViewerSession session;
    private Runnable stopWaking = () -> { };
    private boolean closed;

    private ViewerConnection(WriteStream<Buffer> stream, BooleanSupplier streamClosed, NettyBridge.ChannelLink channel,
                             ViewerSession session) {
        this.session = session;
        this.stream = stream;
        this.streamClosed = streamClosed;
        this.channel = channel;
    }

    /** An MJPEG stream on {@code request}'s response; writes its head at once. */
    static FramePump mjpeg(HttpServerRequest request, int queueBytes) {
        HttpServerResponse response = request.response();
        // Only MJPEG repeats an idle frame: Chrome draws a part when the next part's headers come.
        return start(response, response::closed, NettyBridge.channelOf(request.connection()), queueBytes,
                ViewerSession.mjpeg(request), true);
    }

    /**
     * A viewer WebSocket, right after the upgrade. {@code channel} is the upgraded request's
     * (vertx-web hides the socket's own connection); take it before upgrading.
     */
    static FramePump webSocket(ServerWebSocket socket, NettyBridge.ChannelLink channel, int queueBytes) {
        return start(socket, socket::isClosed, channel, queueBytes, ViewerSession.webSocket(socket, ViewerSession.Kind.WEBSOCKET), false);
    }

    /** The grid page's one WebSocket for many cameras ({@link MultiCameraSocket}), set up as {@link #webSocket}. */
    static FramePump gridSocket(ServerWebSocket socket, NettyBridge.ChannelLink channel, int queueBytes) {
        return start(socket, socket::isClosed, channel, queueBytes, ViewerSession.webSocket(socket, ViewerSession.Kind.GRID), false);
    }

    private static FramePump start(WriteStream<Buffer> stream, BooleanSupplier closed, NettyBridge.ChannelLink channel,
                                   int queueBytes, ViewerSession session, boolean repeatWhenIdle) {
        Context context = Vertx.currentContext();
        stream.setWriteQueueMaxSize(queueBytes);
        ViewerConnection connection = new ViewerConnection(stream, closed, channel, session);
        FramePump pump = new FramePump(context, connection, session, repeatWhenIdle);
        stream.drainHandler(v -> pump.pump());
        // Vert.x drains a WebSocket by its own message queue, which stays empty here: the
        // channel regaining room is what must wake the pump.
        connection.stopWaking = channel.onWritable(() -> context.runOnContext(v -> pump.pump()));
        return pump;
    }

    /**
     * Open, the channel has room in bytes, and Vert.x holds nothing of ours in its own queue. In
     * strict thread mode an HTTP/1 response's queue is the channel itself; a server WebSocket does
     * not inherit strict mode and counts messages (full at 16, which would let eight frames pile
     * up), so the channel decides; an HTTP/2 stream's queue follows its flow-control window.
     */
    @Override
    public boolean writable() {
        // A stream closed under us throws from writeQueueFull(); its close handler is on its way.
        return !closed && !streamClosed.getAsBoolean() && channel.writable() && !stream.writeQueueFull();
    }

    @Override
    public void limitBuffers(int bytes) {
        channel.limitBuffers(bytes);
    }

    @Override
    public void watching(Camera camera, boolean started) {
        session.watching(camera, started);
    }

    @Override
    public void close() {
        closed = true;
        stopWaking.run();
        session.ended();
    }
}
