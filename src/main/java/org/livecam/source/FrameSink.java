package org.livecam.source;

import java.nio.ByteBuffer;

/** Where a source delivers each whole JPEG it produced; called on the source's own thread. */
@FunctionalInterface
public interface FrameSink {
    /** The bytes are only valid during the call: copy what you keep. */
    void accept(ByteBuffer jpeg);
}
