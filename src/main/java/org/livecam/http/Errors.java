package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Every error a client gets is JSON with the status and a message a person can act on. */
final class Errors {
    private Errors() {
    }

    static void send(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) { // mid-stream: nothing sensible left to say
            response.reset();
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", status).put("error", message).encode() + "\n");
    }
}
