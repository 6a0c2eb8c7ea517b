package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;

/**
 * One viewer's connection from open to close, as operators see it: which cameras it watches (the
 * per-transport viewer counts of {@code /metrics}), what it was sent, and how it ends. It stands
 * between the {@link FramePump} and the transport, counting each write (idle repeats included: the
 * viewer got them) with two additions; nothing per frame goes to the log.
 *
 * <p>When the server shuts down gracefully, Vert.x tells each connection, and the session ends
 * its stream the way the protocol says a stream ends: MJPEG with the multipart close delimiter
 * and the end of the chunked body, a WebSocket with close status 1001 ("going away"), so a
 * client can tell a server that stopped from a connection that broke. Event loop only.
 */
final class ViewerSession implements FramePump.Transport {
    /** How a viewer watches; the label of the viewer counts and of the session's log line. */
    enum Kind {
        MJPEG("mjpeg"), WEBSOCKET("websocket"), GRID("grid");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static final short GOING_AWAY = 1001;

    private final Kind kind;
    private final FramePump.Transport transport;
    private final SocketAddress from;
    private final Runnable endStream;
    private final long startedNanos = System.nanoTime();
    private final Set<String> cameras = new LinkedHashSet<>(); // every camera it watched, for the log line
    private long frames;
    private long bytes;
    private boolean shuttingDown;

    private ViewerSession(Kind kind, FramePump.Transport transport, SocketAddress from, Runnable endStream) {
        this.kind = kind;
        this.transport = transport;
        this.from = from;
        this.endStream = endStream;
    }

    /** An MJPEG stream on {@code request}'s response; writes its head at once. */
    static ViewerSession mjpeg(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        ViewerSession session = new ViewerSession(Kind.MJPEG, MjpegWriter.begin(response), request.remoteAddress(),
                () -> response.end(MjpegParts.FINAL));
        request.connection().shutdownHandler(v -> session.serverShuttingDown());
        return session;
    }

    /** A viewer WebSocket of one camera, or the grid's socket for many. */
    static ViewerSession webSocket(ServerWebSocket socket, Kind kind) {
        ViewerSession session = new ViewerSession(kind, new WebSocketWriter(socket), socket.remoteAddress(),
                () -> socket.close(GOING_AWAY, "server shutting down"));
        socket.shutdownHandler(v -> session.serverShuttingDown());
        return session;
    }

    @Override
    public void write(Frame frame) {
        if (shuttingDown) {
            return; // the stream has ended; the connection closes behind it
        }
        transport.write(frame);
        frames++;
        bytes += frame.size();
    }

    /** A lane of {@code camera} opened or closed on this connection. */
    void watching(Camera camera, boolean started) {
        if (started) {
            cameras.add(camera.id());
            camera.counters().viewerJoined(kind.label);
        } else {
            camera.counters().viewerLeft(kind.label);
        }
    }

    /** The server is stopping: end the stream cleanly, once; the connection's close follows. */
    void serverShuttingDown() {
        if (!shuttingDown) {
            shuttingDown = true;
            endStream.run();
        }
    }

    long frames() {
        return frames;
    }

    long bytes() {
        return bytes;
    }
}
