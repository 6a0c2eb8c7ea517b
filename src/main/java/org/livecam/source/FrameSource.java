package org.livecam.source;

/**
 * Anything that yields JPEG frames: a test pattern, a command's stdout, an HTTP camera, a
 * folder. The same sources feed a camera inside the server and the uploader beside a camera.
 */
public interface FrameSource {
    /** Starts producing frames into {@code sink} on the source's own thread; returns at once. */
    void start(FrameSink sink);

    /**
     * Stops producing and releases what the source holds (a command's whole process tree, a
     * connection), waiting a few seconds at most; idempotent. {@link #start} may follow again.
     */
    void stop();

    /** A short description for logs, with no secrets in it. */
    String describe();
}
