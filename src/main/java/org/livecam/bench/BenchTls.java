package org.livecam.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.livecam.config.CaTrust;

/**
 * TLS for the load tool when {@code --server} is {@code https://}: the publisher's blocking
 * socket becomes an {@link SSLSocket}, and each load viewer's non-blocking channel gets a
 * {@link Channel}, an {@link SSLEngine} that the viewer loop reads through. The server's
 * certificate is checked against {@code --ca} (or the JDK's CAs) and its host name. No ALPN is
 * offered, so the server speaks HTTP/1.1, as the plain load viewers expect.
 */
final class BenchTls {
    /** Viewers shaking hands at once; each waits on round trips, not on a CPU. */
    private static final int OPENERS = 32;

    private final SSLContext context;
    private ExecutorService openers;

    private BenchTls(SSLContext context) {
        this.context = context;
    }

    /** Plain TCP. */
    static BenchTls none() {
        return new BenchTls(null);
    }

    /** TLS trusting the PEM certificates in {@code caFile}, or the JDK's CAs when it is null. */
    static BenchTls trusting(Path caFile) {
        try {
            return new BenchTls(caFile != null ? CaTrust.sslContext(caFile) : SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean on() {
        return context != null;
    }

    /** An HTTP client that trusts what this trusts (the JDK's default when off). */
    java.net.http.HttpClient httpClient() {
        return context == null ? java.net.http.HttpClient.newHttpClient() : java.net.http.HttpClient.newBuilder().sslContext(context).build();
    }

    /** {@code tcp} (connected), or a TLS socket over it whose handshake is done. */
    Socket over(Socket tcp, InetSocketAddress server) throws IOException {
        if (context == null) {
            return tcp;
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, server.getHostString(), server.getPort(), true);
        tls.setSSLParameters(checkingHostName(tls.getSSLParameters()));
        tls.startHandshake();
        return tls;
    }

    /**
     * On one of its own threads: connects {@code viewer}, shakes hands and sends its request,
     * all blocking, then leaves the channel non-blocking with its {@link Channel} set and calls
     * {@code opened}; a viewer that fails is closed with the reason instead.
     */
    synchronized void openAsync(LoadViewerSocket viewer, InetSocketAddress server, Runnable opened) {
        if (openers == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(OPENERS, OPENERS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "bench-tls-handshakes");
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true); // gone a few seconds after the last viewer opened
            openers = pool;
        }
        openers.execute(() -> {
            try {
                viewer.channel = SocketChannel.open();
                viewer.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (viewer.receiveBufferBytes > 0) {
                    viewer.channel.setOption(StandardSocketOptions.SO_RCVBUF, viewer.receiveBufferBytes);
                }
                viewer.channel.connect(server);
                viewer.unsent = viewer.decoder.request();
                viewer.tls = open(viewer.channel, server, viewer.unsent);
                opened.run();
            } catch (IOException | RuntimeException e) {
                ViewerLoop.failed(viewer, "TLS: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
    }

    /** Shakes hands on {@code channel} (connected, blocking) and writes {@code request}; then makes it non-blocking. */
    private Channel open(SocketChannel channel, InetSocketAddress server, ByteBuffer request) throws IOException {
        SSLEngine engine = context.createSSLEngine(server.getHostString(), server.getPort());
        engine.setUseClientMode(true);
        engine.setSSLParameters(checkingHostName(engine.getSSLParameters()));
        Channel tls = new Channel(channel, engine);
        tls.handshake();
        while (request.hasRemaining()) {
            tls.write(request);
        }
        channel.configureBlocking(false);
        return tls;
    }

    private static SSLParameters checkingHostName(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** One viewer's SSLEngine over its channel. Its viewer loop's thread only. */
    static final class Channel {
        private final SocketChannel channel;
        private final SSLEngine engine;
        private final ByteBuffer netIn;
        private final ByteBuffer netOut;
        private final ByteBuffer appIn;
        private final ByteBuffer empty = ByteBuffer.allocate(0);
        private boolean closed;

        private Channel(SocketChannel channel, SSLEngine engine) {
            this.channel = channel;
            this.engine = engine;
            int packet = engine.getSession().getPacketBufferSize();
            this.netIn = ByteBuffer.allocateDirect(packet * 2);
            this.netOut = ByteBuffer.allocateDirect(packet * 2);
            this.appIn = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize() * 2).flip();
        }

        /** Blocking: the whole handshake. */
        private void handshake() throws IOException {
            engine.beginHandshake();
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        engine.wrap(empty, netOut);
                        flush();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        netIn.flip();
                        SSLEngineResult result = engine.unwrap(netIn, appIn.compact());
                        appIn.flip();
                        netIn.compact();
                        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                            throw new SSLException("the server closed the connection during the TLS handshake");
                        }
                    }
                    case NEED_TASK -> runTasks();
                    default -> {
                        return; // FINISHED or NOT_HANDSHAKING
                    }
                }
            }
        }

        /** Blocking: encrypts some of {@code source} and writes it out. */
        private void write(ByteBuffer source) throws IOException {
            netOut.clear();
            engine.wrap(source, netOut);
            flush();
        }

        private void flush() throws IOException {
            netOut.flip();
            while (netOut.hasRemaining()) {
                channel.write(netOut);
            }
            netOut.clear();
        }

        /**
         * Non-blocking: decrypted bytes into {@code target} until it is full or the socket has no
         * more for now (what is left in the engine's buffers would wake no selector); -1 once
         * the server has closed and everything before it was read.
         */
        int read(ByteBuffer target) throws IOException {
            int total = 0;
            while (target.hasRemaining()) {
                if (appIn.hasRemaining()) {
                    int n = Math.min(appIn.remaining(), target.remaining());
                    target.put(appIn.slice(appIn.position(), n));
                    appIn.position(appIn.position() + n);
                    total += n;
                } else if (!unwrapBuffered()) {
                    int n = closed ? -1 : channel.read(netIn);
                    if (n < 0) {
                        return total > 0 ? total : -1;
                    }
                    if (n == 0) {
                        break;
                    }
                }
            }
            return total;
        }

        /** Decrypts the whole records in netIn; true when that gave bytes to read. */
        private boolean unwrapBuffered() throws SSLException {
            netIn.flip();
            appIn.compact();
            try {
                while (netIn.hasRemaining()) {
                    SSLEngineResult result = engine.unwrap(netIn, appIn);
                    if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        closed = true;
                        break;
                    }
                    if (result.getStatus() != SSLEngineResult.Status.OK) {
                        break; // a record not yet whole, or no room for another: after the next read
                    }
                }
            } finally {
                appIn.flip();
                netIn.compact();
            }
            return appIn.hasRemaining();
        }

        private void runTasks() {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
