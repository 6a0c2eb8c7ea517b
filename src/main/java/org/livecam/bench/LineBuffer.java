package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Collects one CRLF- (or LF-) terminated header line that may arrive split across reads. */
final class LineBuffer {
    private final byte[] line = new byte[2048];
    private int length;

    /** Takes bytes from {@code data} up to {@code end}; true once a whole line is in. */
    boolean fill(ByteBuffer data, int end) throws IOException {
        while (data.position() < end) {
            byte b = data.get();
            if (b == '\n') {
                return true;
            }
            if (length == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[length++] = b;
        }
        return false;
    }

    /** The line without its CR, and empties the buffer for the next one. */
    String take() {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        length = 0;
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }
}
