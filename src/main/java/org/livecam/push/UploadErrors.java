package org.livecam.push;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** What went wrong with an upload, in words for the stats line and the log. Stateless. */
final class UploadErrors {
    private UploadErrors() {
    }

    /** The JDK's client often throws with a null message (a refused connect is a bare ConnectException). */
    static String describe(IOException e, URI target, Duration timeout) {
        String where = target.getHost() + ":" + (target.getPort() > 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80);
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + where + ": no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "upload timed out after " + timeout.toMillis() + " ms";
        }
        String detail = detail(e);
        if (e instanceof ConnectException) {
            return "cannot connect to " + where + ": " + (detail == null ? "connection refused or host unreachable" : detail);
        }
        return "connection to " + where + " failed: " + (detail == null ? e.getClass().getSimpleName() : detail);
    }

    /** livecam answers errors as JSON {@code {"status":..,"error":".."}}; anything else is shown shortened. */
    static String fromAnswer(String answer) {
        try {
            String error = new JsonObject(answer).getString("error");
            if (error != null) {
                return error;
            }
        } catch (RuntimeException notJson) {
            // a proxy's HTML page, or nothing
        }
        String flat = answer.replaceAll("\\s+", " ").trim();
        return flat.isEmpty() ? "(no message)" : flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    /** The first message in the cause chain, or null when none has one. */
    private static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }
}
