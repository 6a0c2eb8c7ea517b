package org.livecam.store;

import java.util.List;
import org.livecam.frame.Frame;

/** Where the latest frame of every camera outlives the process. Called off the event loops. */
public interface FrameStore extends AutoCloseable {
    /** The frame kept for each camera, as stored (not yet marked stale). */
    List<Frame> loadLatest() throws StoreException;

    /** Replaces the kept frame of the frame's camera. */
    void saveLatest(Frame frame) throws StoreException;

    /** Drops the kept frame of a camera that was removed, so a restart does not bring it back. */
    void forget(String cameraId) throws StoreException;

    @Override
    void close();
}
