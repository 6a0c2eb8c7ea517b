package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the publish token and the tutorial's password in constant time; never logs either. */
final class PublishAuth {
    private final byte[] token;
    private final byte[] password;

    PublishAuth(String token, String password) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    /** Null when the request carries the right bearer token, else the reason it does not. */
    String checkBearer(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return "publishing needs 'Authorization: Bearer TOKEN' (the token is printed at server start or set with --token)";
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the Authorization header must be 'Bearer TOKEN'";
        }
        return matches(token, header.substring(7).trim()) ? null : "wrong publish token";
    }

    /** True for the right publish token given some other way (a WebSocket's first message). */
    boolean checkToken(String given) {
        return given != null && matches(token, given);
    }

    boolean passwordEnabled() {
        return password != null;
    }

    boolean checkPassword(String given) {
        return password != null && given != null && matches(password, given);
    }

    private static boolean matches(byte[] expected, String given) {
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }
}
