package org.livecam.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.livecam.frame.Frame;

/**
 * The one place livecam reaches under Vert.x's public API, into its internals and Netty: buffers
 * without copies, and the Netty channel under a connection (writability in bytes and socket
 * options). A Vert.x upgrade that moves any of it fails {@link #check} at server start instead
 * of quietly falling back to copying every frame or counting messages.
 *
 * <p>A frame is one direct buffer shared by every viewer on every event loop, which is safe
 * because nothing ever moves that buffer's own indices: Vert.x hands Netty a slice of it for
 * each write ({@code BufferImpl.getByteBuf()}), and a composite reads its pieces through its own
 * indices too, so each event loop reads the same memory through a view of its own. The memory
 * is wrapped with {@code Unpooled.wrappedBuffer} over {@code ByteBuffer.allocateDirect}: the
 * JVM frees it with the frame, where {@code Unpooled.directBuffer} would need a release that
 * Vert.x (which marks wrapped buffers unreleasable) never makes. Thread-safe.
 */
final class NettyBridge {
    private static final Object BUFFER_KEY = new Object();
    private static final String[] SERVER_CONNECTIONS = {
        "io.vertx.core.http.impl.Http1xServerConnection", "io.vertx.core.http.impl.Http2ServerConnection"};

    private NettyBridge() {
    }

    /** Throws a clear IllegalStateException when this Vert.x no longer offers what the bridge uses. */
    static void check() {
        try {
            ByteBuffer memory = ByteBuffer.allocateDirect(2);
            Buffer wrapped = wrap(memory.asReadOnlyBuffer());
            memory.put(0, (byte) 7);
            require(wrapped.getByte(0) == 7 && byteBuf(wrapped).isDirect(), "a direct buffer wrapped without a copy");
            require(concat(wrapped, wrapped).length() == 4, "composite buffers");
            require(view(Buffer.buffer("ok")).remaining() == 2, "received buffers read in place");
            ConnectionBase.class.getMethod("channel");
            for (String name : SERVER_CONNECTIONS) {
                require(ConnectionBase.class.isAssignableFrom(Class.forName(name)), "the channel of " + name);
            }
        } catch (LinkageError | ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this Vert.x no longer offers the internals livecam streams with: " + e, e);
        }
    }

    private static void require(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("this Vert.x no longer offers the internals livecam streams with: " + what);
        }
    }

    /** A Vert.x buffer over {@code direct}'s remaining bytes, same memory: write it to any number of sockets. */
    static Buffer wrap(ByteBuffer direct) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
    }

    /** The frame's JPEG as a Vert.x buffer over its own memory, made once per frame and shared. */
    static Buffer buffer(Frame frame) {
        return frame.derive(BUFFER_KEY, f -> wrap(f.bytes()));
    }

    /** The pieces as one buffer without copying them: one write (one writev) instead of several. */
    static Buffer concat(Buffer... pieces) {
        ByteBuf[] bufs = new ByteBuf[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            bufs[i] = byteBuf(pieces[i]);
        }
        return BufferInternal.buffer(Unpooled.wrappedUnmodifiableBuffer(bufs));
    }

    /** The bytes of a received buffer, read in place: valid only until the handler returns. */
    static ByteBuffer view(Buffer received) {
        return byteBuf(received).nioBuffer();
    }

    /**
     * True for what Vert.x 5 reports when a message reassembled from fragments passes the size
     * limit: a bare IllegalStateException from its frame aggregator (it drops the message), the
     * only one of that type it hands to a WebSocket's exception handler.
     */
    static boolean isMessageTooBig(Throwable error) {
        return error instanceof IllegalStateException;
    }

    private static ByteBuf byteBuf(Buffer buffer) {
        return ((BufferInternal) buffer).getByteBuf();
    }

    /** The Netty channel under an HTTP connection (and under a WebSocket upgraded from it). */
    static ChannelLink channelOf(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return new ChannelLink(base.channel(), base);
        }
        throw new IllegalStateException("a connection that is not a Vert.x ConnectionBase: " + connection.getClass().getName());
    }

    /** Writability and socket options of one connection's channel. Event loop only, but {@link #eventLoop}. */
    static final class ChannelLink {
        private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        private final Channel channel;
        private final ConnectionBase connection; // for Vert.x's byte counts of what writeChunk writes
        private ChannelHandlerContext encoder; // the HTTP/1 response encoder's, found on first use
        private int normalSendBuffer; // event loop only, as the mark below: what limitBuffers took
        private WriteBufferWaterMark normalWaterMark;

        private ChannelLink(Channel channel, ConnectionBase connection) {
            this.channel = channel;
            this.connection = connection;
        }

        /**
         * True when this channel carries HTTP/1 through Vert.x's response encoder, so that
         * {@link #writeChunk} can write under it; false for HTTP/2 (whose codec frames every byte). Event loop only.
         */
        boolean writesHttp1() {
            if (encoder == null) {
                encoder = channel.pipeline().context(HttpResponseEncoder.class);
            }
            return encoder != null;
        }

        /**
         * Writes {@code chunk}, bytes already framed as HTTP/1 chunks of a chunked response body
         * whose head Vert.x has written, straight under Vert.x's encoder: one message and one
         * flush, no completion promise (a failure reaches the connection's exception handler), and
         * none of the per-write work of a Vert.x response write (a content object, a chunk-size
         * buffer, a promise combiner, three outbound entries). In strict thread mode Vert.x writes
         * in place, so this comes after whatever it wrote before; Vert.x counts the bytes in its
         * metrics as for its own writes. Only where {@link #writesHttp1}; event loop only.
         */
        void writeChunk(Buffer chunk) {
            ByteBuf bytes = byteBuf(chunk); // a view of its own (indices, no release) over the shared memory
            connection.reportBytesWritten(bytes.readableBytes());
            encoder.writeAndFlush(bytes, encoder.voidPromise());
        }

        /** The event loop the channel lives on, as a key: connections on one loop share its fanouts. */
        Object eventLoop() {
            return channel.eventLoop();
        }

        /** Room in the outbound buffer, counted in bytes; false once the channel is closed. */
        boolean writable() {
            return channel.isWritable();
        }

        /**
         * Runs {@code wake} (on the channel's event loop) whenever the channel can take more;
         * the returned action stops that. Vert.x's own drain handlers follow its message queue,
         * which livecam keeps empty, so only the channel knows when a viewer has room again.
         */
        Runnable onWritable(Runnable wake) {
            ChannelHandler handler = new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    if (ctx.channel().isWritable()) {
                        wake.run();
                    }
                    ctx.fireChannelWritabilityChanged();
                }
            };
            channel.pipeline().addFirst(handler);
            return () -> {
                try {
                    channel.pipeline().remove(handler);
                } catch (NoSuchElementException e) {
                    // the channel closed and its pipeline is already empty
                }
            };
        }

        /**
         * On native epoll, caps what the kernel holds for this socket that is not yet sent at
         * {@code bytes} ({@code TCP_NOTSENT_LOWAT}: the socket counts as full above it, while the
         * bytes in flight, and so a far viewer's throughput, are not capped). False where the
         * option does not exist (NIO, other systems).
         */
        boolean boundUnsent(int bytes) {
            return channel.isActive() && channel.config().setOption(EpollChannelOption.TCP_NOTSENT_LOWAT, (long) bytes);
        }

        /**
         * The one {@code type} kept with this channel, made by {@code make} the first time: state
         * that lives exactly as long as the TCP connection, which Vert.x may serve as two
         * connection objects in turn (an h2c upgrade). Event loop only.
         */
        <T> T attached(Class<T> type, Supplier<T> make) {
            var attribute = channel.attr(AttributeKey.<T>valueOf(type.getName()));
            T value = attribute.get();
            if (value == null) {
                value = make.get();
                attribute.set(value);
            }
            return value;
        }

        /**
         * Runs {@code action} on the channel's event loop whenever bytes arrive on it, before any
         * decoding (so also for a request head still incomplete, which Vert.x shows nobody).
         */
        void onRead(Runnable action) {
            channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object message) {
                    action.run();
                    ctx.fireChannelRead(message);
                }
            });
        }

        /** Runs {@code action} once the TCP connection has closed (at once if it already has). */
        void onClosed(Runnable action) {
            channel.closeFuture().addListener(done -> action.run());
        }

        /**
         * Ends the server's idle timeout on this connection ({@code HttpServerOptions.setIdleTimeout},
         * a Netty IdleStateHandler that Vert.x puts first in every accepted channel): it bounds
         * the time to a first request, before Vert.x has made a connection object anyone could
         * watch, and must not go on to cut a quiet stream.
         */
        void endIdleTimeout() {
            if (channel.pipeline().get(IdleStateHandler.class) != null) {
                channel.pipeline().remove(IdleStateHandler.class);
            }
        }

        /** Closes the TCP connection, whichever protocol runs on it. */
        void close() {
            channel.close();
        }

        /** Caps the kernel send buffer and the outbound buffer (high water mark) at {@code bytes}, once. */
        void limitBuffers(int bytes) {
            if (channel.isActive() && normalWaterMark == null) {
                // Linux reports twice the size it was given (the doubling is its bookkeeping) and doubles what it is given.
                Integer reported = channel.config().getOption(ChannelOption.SO_SNDBUF);
                normalSendBuffer = reported == null ? 0 : LINUX ? reported / 2 : reported;
                normalWaterMark = channel.config().getWriteBufferWaterMark();
                channel.config().setOption(ChannelOption.SO_SNDBUF, bytes);
                channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(bytes / 2, bytes));
            }
        }

        /** Gives back what {@link #limitBuffers} took: the send buffer and write queue the connection had. */
        void restoreBuffers() {
            if (channel.isActive() && normalWaterMark != null) {
                if (normalSendBuffer > 0) {
                    channel.config().setOption(ChannelOption.SO_SNDBUF, normalSendBuffer);
                }
                channel.config().setWriteBufferWaterMark(normalWaterMark);
                normalWaterMark = null;
            }
        }
    }
}
