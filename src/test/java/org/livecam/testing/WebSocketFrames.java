package org.livecam.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** RFC 6455 frames as a server writes them, for tests that feed a client's reader by hand. */
public final class WebSocketFrames {
    private WebSocketFrames() {
    }

    /** One unmasked frame with the shortest length encoding, appended to {@code out}. */
    public static void unmasked(ByteArrayOutputStream out, boolean fin, int opcode, byte[] payload) {
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65_536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        out.writeBytes(payload);
    }
}
