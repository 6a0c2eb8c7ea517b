package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.streams.WriteStream;
import java.util.function.BooleanSupplier;
import org.livecam.frame.Camera;

/**
 * The one way to set up a streaming viewer, and the one definition of "writable" for it: a
 * {@link FramePump} over the connection, with its write-queue size, the wake-ups that resume
 * it when the connection has room again, its unsent bytes bounded in the kernel on native epoll,
 * and small buffers for a slow viewer on NIO, given back once it keeps up. The transport
 * ({@link ViewerSession}, over the protocol's writer) only frames and counts bytes. Event loop only.
 */
final class ViewerConnection implements FramePump.Connection {
    /**
     * The most a viewer socket holds unsent in the kernel on native epoll. Measured here with
     * viewers reading 200 kB/s and 101 KB frames: frame age p50 0.76 s with it, 1.25 to 1.40 s
     * with a 64 to 128 KB send buffer alone (docs/NOTES, "TCP_NOTSENT_LOWAT").
     */
    static final int UNSENT_LOW_WATER_BYTES = 16 * 1024;

    private final WriteStream<Buffer> stream;
    private final BooleanSupplier streamClosed;
    private final NettyBridge.ChannelLink channel;
    private final boolean unsentBounded;
    private final ViewerSession session;
    private Runnable stopWaking = () -> { };
    private boolean closed;

    private ViewerConnection(WriteStream<Buffer> stream, BooleanSupplier streamClosed, NettyBridge.ChannelLink channel,
                             ViewerSession session) {
        this.stream = stream;
        this.streamClosed = streamClosed;
        this.channel = channel;
        this.session = session;
        this.unsentBounded = channel.boundUnsent(UNSENT_LOW_WATER_BYTES);
    }

    /** An MJPEG stream on {@code request}'s response; writes its head at once. */
    static FramePump mjpeg(HttpServerRequest request, ViewerLoops loops, int queueBytes, String from) {
        // Only MJPEG repeats an idle frame: Chrome draws a part when the next part's headers come.
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(request.connection());
        return start(request.response(), request.response()::closed, channel, loops,
                queueBytes, ViewerSession.mjpeg(request, channel, from), true);
    }

    /**
     * A viewer WebSocket of one camera, right after the upgrade. {@code channel} is the upgraded
     * request's (vertx-web hides the socket's own connection); take it before upgrading.
     */
    static FramePump webSocket(ServerWebSocket socket, NettyBridge.ChannelLink channel, ViewerLoops loops, int queueBytes,
                               String from) {
        return start(socket, socket::isClosed, channel, loops, queueBytes,
                ViewerSession.webSocket(socket, ViewerSession.Kind.WEBSOCKET, from), false);
    }

    /** The grid page's one WebSocket for many cameras ({@link MultiCameraSocket}), set up as {@link #webSocket}. */
    static FramePump gridSocket(ServerWebSocket socket, NettyBridge.ChannelLink channel, ViewerLoops loops, int queueBytes,
                                String from) {
        return start(socket, socket::isClosed, channel, loops, queueBytes,
                ViewerSession.webSocket(socket, ViewerSession.Kind.GRID, from), false);
    }

    private static FramePump start(WriteStream<Buffer> stream, BooleanSupplier closed, NettyBridge.ChannelLink channel,
                                   ViewerLoops loops, int queueBytes, ViewerSession session, boolean repeatWhenIdle) {
        Context context = Vertx.currentContext();
        stream.setWriteQueueMaxSize(queueBytes);
        ViewerConnection connection = new ViewerConnection(stream, closed, channel, session);
        FramePump pump = new FramePump(loops.of(channel), connection, session, repeatWhenIdle);
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

    /** Only where the kernel's unsent bytes are not bounded already (NIO): there a slow viewer's frames grow old in its buffers. */
    @Override
    public void limitBuffers(int bytes) {
        if (!unsentBounded) {
            channel.limitBuffers(bytes);
        }
    }

    @Override
    public void restoreBuffers() {
        channel.restoreBuffers();
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
