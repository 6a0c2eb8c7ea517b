package org.livecam.source;

import java.util.Optional;

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

    /**
     * Why this source cannot start, when that is known before trying (a missing folder, a command
     * that is not installed), as a line for people; empty when it may well start. Looks only at
     * the local machine and returns at once.
     */
    default Optional<String> startProblem() {
        return Optional.empty();
    }

    /** A short description for logs, with no secrets in it. */
    String describe();
}
