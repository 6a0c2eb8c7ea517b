package org.livecam.publish;

import io.vertx.core.json.JsonObject;

/**
 * A text message from the server, read: its {@link PublishProtocol.Type} and, for an error, what
 * the server said. {@link #read} never throws: a message that is not JSON, or of a type this
 * version does not know, has a null type, and a publisher passes it over.
 *
 * @param type  what the message says, or null when it is not one of the protocol's messages
 * @param error the server's words for a refused frame; null unless the type is ERROR
 * @param text  the message as it came, for error messages
 */
public record ServerMessage(PublishProtocol.Type type, String error, String text) {
    public static ServerMessage read(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (RuntimeException notJson) {
            return new ServerMessage(null, null, text);
        }
        PublishProtocol.Type type = null;
        for (PublishProtocol.Type t : PublishProtocol.Type.values()) {
            if (t.wireName().equals(json.getValue(PublishProtocol.TYPE))) {
                type = t;
            }
        }
        Object error = json.getValue(PublishProtocol.ERROR);
        return new ServerMessage(type, type == PublishProtocol.Type.ERROR ? (error == null ? "(no message)" : error.toString()) : null, text);
    }

    /** True for the answer to a frame: published or error. */
    public boolean answersAFrame() {
        return type == PublishProtocol.Type.PUBLISHED || type == PublishProtocol.Type.ERROR;
    }
}
