package org.livecam.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread that drives many load viewers over non-blocking sockets with a {@link Selector}:
 * connect, send the request, read and hand the bytes to each viewer's decoder. One direct read
 * buffer is shared by all its viewers, since decoders keep nothing of it. Slow viewers that used
 * their allowance stop being read until it refills, so their bytes wait in the kernel and then
 * in the server, as they would behind a slow link.
 *
 * <p>{@link #open} may be called from any thread; the latency recorders may be read only after
 * {@link #stop} has returned.
 */
final class ViewerLoop implements AutoCloseable {
    private static final int READS_PER_WAKEUP = 4;

    private final InetSocketAddress server;
    private final BenchTls tls;
    private final Selector selector;
    private final Thread thread;
    private final Queue<LoadViewerSocket> toOpen = new ConcurrentLinkedQueue<>();
    private final List<LoadViewerSocket> paused = new ArrayList<>();
    private final List<LoadViewerSocket> all = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder slowAge = new LatencyRecorder();
    private final LatencyRecorder afterStall = new LatencyRecorder();
    private volatile boolean running = true;

    ViewerLoop(InetSocketAddress server, String name) throws IOException {
        this(server, name, BenchTls.none());
    }

    /** With {@code tls} on, each viewer connects, shakes hands and sends its request blocking, then is read through its engine. */
    ViewerLoop(InetSocketAddress server, String name, BenchTls tls) throws IOException {
        this.tls = tls;
        this.server = server;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The recorder for this loop's full-speed viewers' latency; loop thread only until stop(). */
    LatencyRecorder latency() {
        return latency;
    }

    /** The recorder for this loop's throttled viewers' frame age; loop thread only until stop(). */
    LatencyRecorder slowAge() {
        return slowAge;
    }

    /** The recorder for this loop's stalled-once viewers' latency after their stall; loop thread only until stop(). */
    LatencyRecorder afterStall() {
        return afterStall;
    }

    void open(LoadViewerSocket connection) {
        if (tls.on()) {
            // Handshakes block for several round trips: done side by side on BenchTls's threads, then read here.
            tls.openAsync(connection, connection.target != null ? connection.target : server, () -> {
                toOpen.add(connection);
                selector.wakeup();
            });
            return;
        }
        toOpen.add(connection);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                openPending();
                selector.select(paused.isEmpty() ? 100 : 2);
                long now = System.nanoTime();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    LoadViewerSocket c = (LoadViewerSocket) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            c.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            send(c);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(c, now);
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c, e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                }
                resumePaused(System.nanoTime());
            }
        } catch (IOException e) {
            throw new IllegalStateException("viewer loop failed", e);
        } finally {
            for (LoadViewerSocket c : all) {
                closeQuietly(c);
            }
        }
    }

    private void openPending() {
        LoadViewerSocket c;
        while ((c = toOpen.poll()) != null) {
            all.add(c);
            try {
                if (c.tls != null) { // connected, handshake done and request sent by BenchTls
                    c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                    continue;
                }
                c.channel = SocketChannel.open();
                c.channel.configureBlocking(false);
                c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (c.receiveBufferBytes > 0) {
                    c.channel.setOption(StandardSocketOptions.SO_RCVBUF, c.receiveBufferBytes); // before connect, so the window is small from the start
                }
                c.unsent = c.decoder.request();
                boolean connected = c.channel.connect(c.target != null ? c.target : server);
                c.key = c.channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, c);
            } catch (IOException e) {
                fail(c, "connect: " + e.getMessage());
            }
        }
    }

    private void send(LoadViewerSocket c) throws IOException {
        c.channel.write(c.unsent);
        if (!c.unsent.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void read(LoadViewerSocket c, long now) throws IOException {
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            int allowance = c.allowance(now);
            if (allowance <= 0) {
                c.key.interestOps(0);
                c.resumeAtNanos = c.nextReadNanos(now);
                paused.add(c);
                return;
            }
            buffer.clear().limit(Math.min(buffer.capacity(), allowance));
            int n = c.tls != null ? c.tls.read(buffer) : c.channel.read(buffer);
            if (n < 0) {
                fail(c, "the server closed the connection");
                return;
            }
            if (n == 0) {
                return;
            }
            now = System.nanoTime();
            c.consumed(n);
            c.stats.onBytes(n, now);
            buffer.flip();
            c.decoder.read(buffer, now);
            if (n < buffer.capacity() && !c.throttled()) {
                return; // drained what the kernel had
            }
        }
    }

    private void resumePaused(long now) {
        for (Iterator<LoadViewerSocket> it = paused.iterator(); it.hasNext(); ) {
            LoadViewerSocket c = it.next();
            if (now >= c.resumeAtNanos) {
                it.remove();
                if (c.key.isValid()) {
                    c.key.interestOps(SelectionKey.OP_READ);
                }
            }
        }
    }

    /** A viewer that failed before it reached this loop (its TLS handshake, say). */
    static void failed(LoadViewerSocket c, String reason) {
        c.stats.onClosed(reason);
        closeQuietly(c);
    }

    private void fail(LoadViewerSocket c, String reason) {
        c.stats.onClosed(running ? reason : null);
        closeQuietly(c);
    }

    private static void closeQuietly(LoadViewerSocket c) {
        try {
            if (c.channel != null) {
                c.channel.close();
            }
        } catch (IOException ignored) {
            // closing is best effort; the run is over for this viewer
        }
    }

    /** Stops the thread and closes every connection; afterwards the recorders may be read. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
