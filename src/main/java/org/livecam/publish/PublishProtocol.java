package org.livecam.publish;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The publish WebSocket, {@code GET /cameras/{id}/publish}, as both ends speak it.
 *
 * <ol>
 * <li>The publisher authenticates with {@code Authorization: Bearer TOKEN} on the upgrade or,
 *     when it cannot set headers (a browser), with {@link #tokenMessage} as its first text
 *     message. A refused token closes the socket with {@link #POLICY_VIOLATION} and a reason;
 *     an accepted one is answered with {@link Type#READY}.</li>
 * <li>Each JPEG goes as one binary message. A message over the server's
 *     {@code --max-frame-bytes} closes the socket with {@link #MESSAGE_TOO_BIG}.</li>
 * <li>Each frame is answered, in order, by one text message: {@link Type#PUBLISHED}
 *     ({@code camera, seq, width, height, bytes}) or {@link Type#ERROR} ({@code camera, error}),
 *     after which the socket stays open.</li>
 * </ol>
 * Stateless; every method is safe on any thread.
 */
public final class PublishProtocol {
    /** Close code for a missing or wrong token (RFC 6455 policy violation): the publisher's configuration is wrong. */
    public static final short POLICY_VIOLATION = 1008;
    /** Close code for a frame over the server's {@code --max-frame-bytes} (RFC 6455 message too big). */
    public static final short MESSAGE_TOO_BIG = 1009;
    /** The route, in Vert.x Web's pattern syntax. */
    public static final String ROUTE = "/cameras/:id/publish";

    static final String TYPE = "type";
    static final String CAMERA = "camera";
    static final String ERROR = "error";
    static final String TOKEN = "token";

    private PublishProtocol() {
    }

    /** The text messages the server sends; their wire name is the lower-case constant name. */
    public enum Type {
        /** The token was accepted; frames may follow. */
        READY,
        /** The frame just received is now the camera's latest. */
        PUBLISHED,
        /** The frame just received was refused (not a JPEG, or text where a frame was due); nothing changed. */
        ERROR;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The publish socket's path for one camera, under the server's base path. */
    public static String path(String cameraId) {
        return "/cameras/" + cameraId + "/publish";
    }

    public static String ready(String cameraId) {
        return message(Type.READY, cameraId).encode();
    }

    public static String published(String cameraId, long sequence, int width, int height, int bytes) {
        return message(Type.PUBLISHED, cameraId)
                .put("seq", sequence)
                .put("width", width)
                .put("height", height)
                .put("bytes", bytes)
                .encode();
    }

    public static String error(String cameraId, String error) {
        return message(Type.ERROR, cameraId).put(ERROR, error).encode();
    }

    /** The first text message of a publisher that cannot set the Authorization header. */
    public static String tokenMessage(String token) {
        return new JsonObject().put(TOKEN, token).encode();
    }

    /** The token in a {@link #tokenMessage}, or null when {@code text} is not one. */
    public static String tokenIn(String text) {
        try {
            Object token = new JsonObject(text).getValue(TOKEN);
            return token instanceof String s ? s : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static JsonObject message(Type type, String cameraId) {
        return new JsonObject().put(TYPE, type.wireName()).put(CAMERA, cameraId);
    }
}
