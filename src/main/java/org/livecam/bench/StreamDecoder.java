package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The protocol half of one load viewer: the bytes to send once connected, and a parser for
 * whatever comes back, which reports whole frames to its {@link ViewerStats}. The socket half
 * ({@link ViewerConnection}, {@link ViewerLoop}) is the same for every protocol, so a WebSocket
 * viewer needs only another decoder (handshake request, then binary messages).
 * Called on one viewer loop thread only.
 */
interface StreamDecoder {
    /** The request to write after the connection is made. */
    ByteBuffer request();

    /** Consumes all of {@code data}; {@code nowNanos} is when it was read. Throws when the stream is not what was expected. */
    void read(ByteBuffer data, long nowNanos) throws IOException;
}
