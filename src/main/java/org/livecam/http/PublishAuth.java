package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the publish token and the tutorial's password in constant time; never logs either. The
 * server's token publishes to any camera; a camera's own {@code publish_token} (livecam.yml)
 * publishes to that camera only. Viewer credentials (users, sessions, share links) never publish.
 */
final class PublishAuth {
    private final byte[] token;
    private final byte[] password;
    private final Map<String, byte[]> cameraTokens = new HashMap<>();

    PublishAuth(String token, String password) {
        this(token, password, Map.of());
    }

    PublishAuth(String token, String password, Map<String, String> cameraTokens) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        cameraTokens.forEach((camera, secret) -> this.cameraTokens.put(camera, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Null when the request carries a bearer token that publishes to {@code cameraId}, else the reason it does not. */
    String checkBearer(HttpServerRequest request, String cameraId) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return "publishing needs 'Authorization: Bearer TOKEN' (the token is printed at server start or set with --token)";
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the Authorization header must be 'Bearer TOKEN'";
        }
        return checkToken(header.substring(7).trim(), cameraId) ? null : "wrong publish token";
    }

    /** True for a token that publishes to {@code cameraId}, given some other way (a WebSocket's first message). */
    boolean checkToken(String given, String cameraId) {
        if (given == null) {
            return false;
        }
        byte[] own = cameraTokens.get(cameraId);
        // Both compared every time, so the time taken says nothing about which one matched.
        boolean server = matches(token, given);
        boolean camera = own != null && matches(own, given);
        return server | camera;
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
