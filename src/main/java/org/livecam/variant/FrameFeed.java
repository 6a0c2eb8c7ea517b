package org.livecam.variant;

import org.livecam.frame.Camera;
import org.livecam.frame.Viewer;

/**
 * Something to watch: a camera as it is, or one of its resized variants. Outputs subscribe
 * their viewers here and never need to know which of the two they got. Thread-safe.
 */
public interface FrameFeed {
    void subscribe(Viewer viewer);

    void unsubscribe(Viewer viewer);

    /** The camera itself, unresized; equal for the same camera, so viewers of it can be grouped. */
    static FrameFeed of(Camera camera) {
        return new Unresized(camera);
    }

    /** A camera as it is. */
    record Unresized(Camera camera) implements FrameFeed {
        @Override
        public void subscribe(Viewer viewer) {
            camera.subscribe(viewer);
        }

        @Override
        public void unsubscribe(Viewer viewer) {
            camera.unsubscribe(viewer);
        }
    }
}
