package org.livecam.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt as Apache's {@code htpasswd -B} writes and reads it: hashes {@code $2y$}, accepts
 * {@code $2a$}, {@code $2b$} and {@code $2y$}; passwords past 72 bytes are cut there, as
 * htpasswd's own bcrypt does. Slow on purpose: never call it on an event loop.
 */
final class Bcrypt {
    /** 2^10 rounds: tens of milliseconds here; htpasswd's default is 5. */
    static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2Y;

    private Bcrypt() {
    }

    static boolean isHash(String hash) {
        return hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$");
    }

    static String hash(char[] password) {
        byte[] bytes = utf8(password);
        return new String(BCrypt.with(VERSION, LongPasswordStrategies.truncate(VERSION)).hash(COST, bytes), StandardCharsets.US_ASCII);
    }

    static boolean verify(String password, String hash) {
        if (!isHash(hash)) {
            return false;
        }
        try {
            return BCrypt.verifyer(VERSION, LongPasswordStrategies.truncate(VERSION))
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] utf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
