package org.livecam.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A text payload and its HMAC, as one URL- and cookie-safe string:
 * {@code base64url(payload) "." base64url(hmac)}. The payload is readable by whoever holds the
 * token; only the key's owner can make or change one.
 */
final class SignedToken {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SignedToken() {
    }

    static String sign(SigningKey key, String payload) {
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(key.sign(payload));
    }

    /** The payload when {@code token} is well formed and signed by {@code key}; empty otherwise. */
    static Optional<String> open(SigningKey key, String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            return key.verify(payload, signature) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
