package org.livecam.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Smaller socket buffers for a viewer that cannot keep up.
 *
 * <p>Whatever sits in a connection's buffers is older than the newest frame, and for a viewer
 * reading 200 KB/s a 64 KB send buffer (128 KB once Linux doubles it) plus a 64 KB write queue
 * is over a second of old frames. Small buffers for every connection would cost fast viewers
 * a syscall per few KB (measured: 200 fast viewers fell to 86 % of full rate with 16 KB), so
 * only a connection that has stayed unwritable for {@link #SLOW_AFTER_NANOS} gets them, once.
 * A small buffer caps throughput at buffer/RTT (32 KB at 100 ms is 320 KB/s), above what such a
 * viewer was reading anyway. Event loop only.
 */
final class SlowViewerBuffers {
    /** Unwritable this long with a frame waiting: the viewer is slow, not just busy for a moment. */
    static final long SLOW_AFTER_NANOS = 200_000_000L;
    /** The send buffer (doubled by Linux) and the write-queue limit given to a slow viewer. */
    static final int SLOW_BUFFER_BYTES = 16 * 1024;

    private SlowViewerBuffers() {
    }

    /** The Netty channel under an HTTP connection (and under a WebSocket upgraded from it). */
    static Channel channelOf(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? base.channel() : null;
    }

    /** Shrinks the kernel send buffer and the write queue of {@code channel}; null is ignored. */
    static void shrink(Channel channel) {
        if (channel == null || !channel.isActive()) {
            return;
        }
        channel.config().setOption(ChannelOption.SO_SNDBUF, SLOW_BUFFER_BYTES);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(SLOW_BUFFER_BYTES / 2, SLOW_BUFFER_BYTES));
    }
}
