package org.livecam.source;

import java.util.regex.Pattern;

/**
 * Hides credentials in text that goes to logs: the user:password of any URL
 * ({@code rtsp://admin:pw@cam/} becomes {@code rtsp://***@cam/}) and the values of query
 * parameters named like secrets (password, pwd, pass, token, key, auth, secret, sig).
 */
final class Secrets {
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "([?&;](?:[a-zA-Z_]*(?:pass|pwd|token|key|auth|secret|sig|share)[a-zA-Z_]*)=)[^&\\s#'\"]*", Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceAll("$1***@");
        return SECRET_PARAM.matcher(out).replaceAll("$1***");
    }
}
