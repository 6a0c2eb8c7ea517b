package org.livecam.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects one CRLF- (or bare LF-) terminated line that may arrive split across chunks, and
 * answers questions about it without making a String, so per-part header lines cost no garbage.
 * One instance per stream; not thread-safe.
 */
final class LineParser {
    private static final int MAX_BYTES = 8192;

    private final byte[] line = new byte[MAX_BYTES];
    private int length;
    private boolean complete;

    /** Takes bytes from {@code data} up to and including the line end; true once a whole line is in. */
    boolean parse(ByteBuffer data) throws IOException {
        if (complete) {
            length = 0;
            complete = false;
        }
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                complete = true;
                return true;
            }
            if (length == MAX_BYTES) {
                throw new IOException("a line longer than " + MAX_BYTES + " bytes: the stream is not where the parser thinks");
            }
            line[length++] = b;
        }
        return false;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** Whether the line is exactly {@code ascii}. */
    boolean is(byte[] ascii) {
        return length == ascii.length && Arrays.equals(line, 0, length, ascii, 0, ascii.length);
    }

    /** Whether the line starts with {@code prefix}, ASCII letters in any case. */
    boolean startsWithIgnoreCase(String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number after {@code from}, spaces around it allowed. */
    long decimal(int from) throws IOException {
        int at = from;
        while (at < length && line[at] == ' ') {
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < length && line[at] >= '0' && line[at] <= '9'; at++, digits++) {
            value = value * 10 + (line[at] - '0');
            if (digits >= 18) { // found by fuzzing: Math.multiplyExact threw ArithmeticException past Long.MAX_VALUE
                throw new IOException("number too large: '" + text() + "'");
            }
        }
        while (at < length && (line[at] == ' ' || line[at] == '\t')) {
            at++;
        }
        if (digits == 0 || at != length) {
            throw new IOException("not a number: '" + text() + "'");
        }
        return value;
    }

    /** The hexadecimal number at the start, up to a ';' (chunk extensions are ignored). */
    long hexadecimal() throws IOException {
        long value = 0;
        int at = 0;
        for (; at < length && Character.digit(line[at], 16) >= 0; at++) {
            if (at >= 15) { // as in decimal(): a size past 2^60 fails the stream, not the JVM's arithmetic
                throw new IOException("chunk size too large: '" + text() + "'");
            }
            value = value * 16 + Character.digit(line[at], 16);
        }
        if (at == 0 || (at < length && line[at] != ';' && line[at] != ' ')) {
            throw new IOException("not a chunk size: '" + text() + "'");
        }
        return value;
    }

    /** The line without its line end, as ISO-8859-1 (what HTTP heads are). */
    String text() {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
