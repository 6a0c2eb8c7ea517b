package org.livecam.http;

import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;

/**
 * One viewer's connection from open to close, as operators see it: which cameras it watches (the
 * per-transport viewer counts of {@code /metrics}) and what it was sent. It stands between the
 * {@link FramePump} and the transport, counting each write (idle repeats included: the viewer got
 * them) with two additions, nothing per frame in the log. Event loop only.
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

    private final Kind kind;
    private final FramePump.Transport transport;
    private final SocketAddress from;
    private final long startedNanos = System.nanoTime();
    private final Set<String> cameras = new LinkedHashSet<>(); // every camera it watched, for the log line
    private long frames;
    private long bytes;

    ViewerSession(Kind kind, FramePump.Transport transport, SocketAddress from) {
        this.kind = kind;
        this.transport = transport;
        this.from = from;
    }

    @Override
    public void write(Frame frame) {
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

    long frames() {
        return frames;
    }

    long bytes() {
        return bytes;
    }
}
