package org.livecam.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The socket half of one load viewer: its channel, what it still has to send, for a slow viewer
 * a token bucket that caps how fast it reads, as a slow link would, and for a viewer that stalls
 * once the span in which it reads nothing (a phone's Wi-Fi hiccup, a busy client). Used by one
 * {@link ViewerLoop} thread only.
 */
final class LoadViewerSocket {
    private static final long PAUSE_NANOS = 5_000_000;

    final StreamDecoder decoder;
    final ViewerStats stats;
    final int receiveBufferBytes;
    private final long bytesPerSecond;
    private final double burstBytes;
    SocketChannel channel;
    /** Set when the server is https://: the channel is read through it. */
    BenchTls.Channel tls;
    SelectionKey key;
    ByteBuffer unsent;
    long resumeAtNanos;
    private MeasureWindow stall;
    /** The server this viewer connects to; null: its loop's. */
    InetSocketAddress target;
    private double tokens;
    private long refilledAtNanos;

    /** {@code bytesPerSecond} 0 reads as fast as data comes; {@code receiveBufferBytes} 0 keeps the system's default. */
    LoadViewerSocket(StreamDecoder decoder, ViewerStats stats, long bytesPerSecond, int receiveBufferBytes) {
        this.decoder = decoder;
        this.stats = stats;
        this.bytesPerSecond = bytesPerSecond;
        this.receiveBufferBytes = receiveBufferBytes;
        // 20 ms of the rate: small enough that the pace is even, big enough for few wake-ups.
        this.burstBytes = Math.max(1460, bytesPerSecond / 50.0);
        this.tokens = burstBytes;
    }

    /** Makes this viewer read nothing while {@code span} lasts (set before it is opened). */
    LoadViewerSocket stallingDuring(MeasureWindow span) {
        this.stall = span;
        return this;
    }

    /** Makes this viewer connect to {@code server} rather than its loop's (set before it is opened). */
    LoadViewerSocket to(InetSocketAddress server) {
        this.target = server;
        return this;
    }

    boolean throttled() {
        return bytesPerSecond > 0;
    }

    /** How many bytes this viewer may read now (Integer.MAX_VALUE when it is not throttled). */
    int allowance(long nowNanos) {
        if (stall != null && stall.contains(nowNanos)) {
            return 0;
        }
        if (!throttled()) {
            return Integer.MAX_VALUE;
        }
        if (refilledAtNanos != 0) {
            tokens = Math.min(burstBytes, tokens + bytesPerSecond * ((nowNanos - refilledAtNanos) / 1e9));
        }
        refilledAtNanos = nowNanos;
        return (int) tokens;
    }

    void consumed(int bytes) {
        if (throttled()) {
            tokens -= bytes;
        }
    }

    /** When a viewer that used up its allowance (or stalls) may read again. */
    long nextReadNanos(long nowNanos) {
        if (stall != null && stall.contains(nowNanos)) {
            return stall.untilNanos();
        }
        double missing = Math.max(1, 1460 - tokens);
        return nowNanos + Math.max(PAUSE_NANOS, (long) (missing / bytesPerSecond * 1e9));
    }
}
