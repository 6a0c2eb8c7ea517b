package org.livecam.frame;

import java.util.Collection;

/**
 * Someone watching a camera: an MJPEG connection, a WebSocket, a snapshot waiting for a newer
 * frame. The camera calls {@link #offer} on the publisher's thread for every new frame.
 */
public interface Viewer {
    /**
     * A newer frame exists. Must not block and must not queue: keep only the newest and send it
     * when the connection can take it (latest frame wins).
     */
    void offer(Frame frame);

    /**
     * The camera was removed (deleted over the API): no frame will follow, and the viewer should
     * end its connection. Called once, on the remover's thread; must not block.
     */
    default void ended() {
    }

    /**
     * How many people this viewer stands for in its camera's audience: one for a connection;
     * for a feed that watches on others' behalf (a resized variant), the people watching it.
     */
    default int audience() {
        return 1;
    }

    /** The people that {@code viewers} stand for together. */
    static int audienceOf(Collection<? extends Viewer> viewers) {
        int people = 0;
        for (Viewer viewer : viewers) {
            people += viewer.audience();
        }
        return people;
    }
}
