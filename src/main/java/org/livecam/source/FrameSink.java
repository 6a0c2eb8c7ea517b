package org.livecam.source;

import java.nio.ByteBuffer;

/** Where a source delivers each whole JPEG it produced; called on the source's own thread. */
@FunctionalInterface
public interface FrameSink {
    /** The bytes are only valid during the call: copy what you keep. */
    void accept(ByteBuffer jpeg);

    /**
     * The source stopped delivering (its command exited, its camera disconnected or stalled) and
     * is retrying with backoff; called once per outage, before the retries. The next
     * {@link #accept} means it recovered. {@code problem} is for people and holds no secrets.
     */
    default void sourceFailed(String problem) {
    }

    /** An attempt failed and the source tries again after its backoff; called at every retry, for the restart count. */
    default void sourceRetrying() {
    }
}
