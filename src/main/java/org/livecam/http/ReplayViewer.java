package org.livecam.http;

import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import org.livecam.frame.Camera;
import org.livecam.record.RecordedFrame;

/**
 * A replay ({@code play.mjpg}, {@code play.ws}) counted as a viewer, the way live viewers are:
 * under the {@code replay} transport of the viewer counts ({@code livecam_viewers}) while it plays,
 * when its camera is live (the counts are a live camera's), and one INFO session line when it ends
 * ({@link ViewerSession}). Wraps the replay's output; event loop only.
 */
final class ReplayViewer implements ArchiveReplay.Output {
    private final ArchiveReplay.Output output;
    private final ViewerSession session;
    private final Camera camera; // null when the camera is not live now: nothing to count it under
    private final boolean endsWithItsBody; // MJPEG: Vert.x calls no close handler for a response that has ended
    private boolean left;

    private ReplayViewer(ArchiveReplay.Output output, ViewerSession session, Camera camera, boolean endsWithItsBody) {
        this.output = output;
        this.session = session;
        this.camera = camera;
        this.endsWithItsBody = endsWithItsBody;
        if (camera != null) {
            session.watching(camera, true);
        }
    }

    /** {@code play.mjpg}'s output, counted until its body ends or its connection closes. */
    static ReplayViewer mjpeg(ArchiveReplay.Output output, Camera camera, String from) {
        return new ReplayViewer(output, ViewerSession.replay(from, null), camera, true);
    }

    /** {@code play.ws}'s output, counted until the socket closes. */
    static ReplayViewer webSocket(ArchiveReplay.Output output, ServerWebSocket socket, Camera camera, String from) {
        return new ReplayViewer(output, ViewerSession.replay(from, socket), camera, false);
    }

    @Override
    public boolean full() {
        return output.full();
    }

    @Override
    public void write(RecordedFrame frame) {
        output.write(frame);
        session.replayed(frame.jpeg().length);
    }

    @Override
    public void end() {
        output.end();
        if (endsWithItsBody) {
            leave();
        }
    }

    @Override
    public void fail(String why) {
        session.failed(new IOException(why));
        output.fail(why);
        if (endsWithItsBody) {
            leave();
        }
    }

    @Override
    public void refused(String why) {
        output.refused(why);
        if (endsWithItsBody) {
            leave();
        }
    }

    @Override
    public void onRoomAndClose(Runnable step, Runnable closed) {
        output.onRoomAndClose(step, () -> {
            closed.run();
            leave();
        });
    }

    private void leave() {
        if (!left) {
            left = true;
            if (camera != null) {
                session.watching(camera, false);
            }
            session.ended();
        }
    }
}
