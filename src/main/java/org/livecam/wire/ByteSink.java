package org.livecam.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The next stage of a parser chain: takes every byte between {@code data}'s position and limit. */
@FunctionalInterface
public interface ByteSink {
    /** Consumes all remaining bytes of {@code data}; keeps no reference to it. Throws when the bytes break the protocol. */
    void accept(ByteBuffer data) throws IOException;
}
