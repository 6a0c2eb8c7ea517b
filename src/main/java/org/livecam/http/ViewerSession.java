package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer's connection from open to close, as operators see it: which cameras it watches (the
 * per-transport viewer counts of {@code /metrics}), what it was sent, and how it ends. It stands
 * between the {@link FramePump} and the transport, counting each write (idle repeats included: the
 * viewer got them) with two additions; nothing per frame goes to the log, one INFO line goes at
 * the end (cameras, transport, seconds, frames, bytes, and why: client closed, server shutdown or
 * error), its figures also as key-value pairs for {@code --log-format json}.
 *
 * <p>When the server shuts down gracefully, Vert.x tells each connection, and the session ends
 * its stream the way the protocol says a stream ends: MJPEG with the multipart close delimiter
 * and the end of the chunked body, a WebSocket with close status 1001 ("going away"), so a
 * client can tell a server that stopped from a connection that broke. Event loop only.
 */
final class ViewerSession implements FramePump.Transport {
    /** How a viewer watches; the label of the viewer counts and of the session's log line. */
    enum Kind {
        MJPEG("mjpeg"), WEBSOCKET("websocket"), GRID("grid"),
        /** A replay of a camera's archive, {@code play.mjpg} or {@code play.ws} ({@link ReplayViewer}). */
        REPLAY("replay");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static final short GOING_AWAY = 1001;
    /** A session line names at most this many cameras of a grid socket. */
    private static final int LOGGED_CAMERAS = 8;
    private static final Logger log = LoggerFactory.getLogger(ViewerSession.class);

    private final Kind kind;
    private final FramePump.Transport transport;
    private final String from; // the client, as http.ClientAddress names it
    private final Runnable endStream;
    private final Supplier<Short> closeStatus; // the client's WebSocket close status; null without one (and for MJPEG)
    private final long startedNanos = System.nanoTime();
    private final Set<String> cameras = new LinkedHashSet<>(); // every camera it watched, for the log line
    private long frames;
    private long bytes;
    private boolean shuttingDown;
    private Throwable failure;
    private boolean ended;

    private ViewerSession(Kind kind, FramePump.Transport transport, String from, Runnable endStream,
                          Supplier<Short> closeStatus) {
        this.closeStatus = closeStatus;
        this.kind = kind;
        this.transport = transport;
        this.from = from;
        this.endStream = endStream;
    }

    /** An MJPEG stream on {@code request}'s response; writes its head at once. */
    static ViewerSession mjpeg(HttpServerRequest request, NettyBridge.ChannelLink channel, String from) {
        HttpServerResponse response = request.response();
        ViewerSession session = new ViewerSession(Kind.MJPEG, MjpegWriter.begin(request, channel), from,
                () -> response.end(MjpegParts.FINAL), () -> null);
        request.connection().shutdownHandler(v -> session.serverShuttingDown());
        request.connection().exceptionHandler(session::failed);
        return session;
    }

    /** A viewer WebSocket of one camera, or the grid's socket for many. */
    static ViewerSession webSocket(ServerWebSocket socket, Kind kind, String from) {
        ViewerSession session = new ViewerSession(kind, new WebSocketWriter(socket), from,
                () -> socket.close(GOING_AWAY, "server shutting down"), socket::closeStatusCode);
        socket.shutdownHandler(v -> session.serverShuttingDown());
        return session;
    }

    /**
     * A replay's session ({@link ReplayViewer}), on {@code socket} ({@code play.ws}) or on an MJPEG
     * response (null): the replay writes its own frames and reports each with {@link #replayed}.
     */
    static ViewerSession replay(String from, ServerWebSocket socket) {
        // MJPEG has no close frame to miss: a status of 0 keeps "(no close frame)" off its line.
        Supplier<Short> closeStatus = socket == null ? () -> (short) 0 : socket::closeStatusCode;
        return new ViewerSession(Kind.REPLAY, frame -> { }, from, () -> { }, closeStatus);
    }

    /** A replayed frame of {@code jpegBytes} went out: counted for the session line as {@link #write} counts a live one. */
    void replayed(int jpegBytes) {
        frames++;
        bytes += jpegBytes;
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

    /**
     * The server is stopping: end the stream cleanly, once, and say so now: Vert.x calls no close
     * handler for a response that has ended, and the process is about to go.
     */
    void serverShuttingDown() {
        if (!shuttingDown) {
            shuttingDown = true;
            endStream.run();
            ended();
        }
    }

    /** The connection failed (reset, broken pipe): the session ends in error, not as the client chose. */
    void failed(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** The connection closed: one INFO line for the whole session, once. */
    void ended() {
        if (ended) {
            return;
        }
        ended = true;
        String reason = shuttingDown ? "server shutdown" : failure != null ? "error" : "client closed";
        String detail = failure != null ? ": " + failure.getMessage()
                : !shuttingDown && kind != Kind.MJPEG && closeStatus.get() == null ? " (no close frame)" : "";
        double seconds = Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
        String watched = cameras.size() <= LOGGED_CAMERAS ? String.join(",", cameras)
                : String.join(",", cameras.stream().limit(LOGGED_CAMERAS).toList()) + ",+" + (cameras.size() - LOGGED_CAMERAS);
        log.atInfo()
                .addKeyValue("camera", watched)
                .addKeyValue("transport", kind.label)
                .addKeyValue("seconds", seconds)
                .addKeyValue("frames", frames)
                .addKeyValue("bytes", bytes)
                .addKeyValue("reason", reason)
                .addKeyValue("from", String.valueOf(from))
                .log("Viewer session ended: {} {} from {}, {} s, {} frames, {} bytes, {}{}",
                        kind.label, cameras.isEmpty() ? "(no camera)" : watched, from, seconds, frames, bytes, reason, detail);
    }
}
