package org.livecam.push;

import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import org.livecam.publish.PublishProtocol;

/** What went wrong with an upload, in words for the stats line and the log. Stateless. */
final class UploadErrors {
    private UploadErrors() {
    }

    /**
     * The JDK's client often throws with a null message (a refused connect is a bare ConnectException);
     * its WebSocket wraps the cause in a CompletionException.
     */
    static String describe(Throwable e, URI target, Duration timeout) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        boolean secure = "https".equals(target.getScheme()) || "wss".equals(target.getScheme());
        String where = target.getHost() + ":" + (target.getPort() > 0 ? target.getPort() : secure ? 443 : 80);
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + where + ": no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut(timeout);
        }
        String detail = detail(e);
        if (hasCause(e, SSLException.class)) {
            return "TLS with " + where + " failed: " + (detail == null ? e.getClass().getSimpleName() : detail) + tlsHint(detail);
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + where + ": " + (detail == null ? "connection refused or host unreachable" : detail);
        }
        return "connection to " + where + " failed: " + (detail == null ? e.getClass().getSimpleName() : detail);
    }

    static String timedOut(Duration timeout) {
        return "upload timed out after " + timeout.toMillis() + " ms";
    }

    /** A WebSocket the server closed, with the status code's meaning: 1008 is livecam's refused token. */
    static String socketClosed(int code, String reason) {
        if (code == 1006) { // never sent on the wire: the JDK's word for a connection that ended without a close
            return "WebSocket connection lost (1006, no close message from the server)";
        }
        String meaning = switch (code) {
            case 1000 -> "normal closure";
            case 1001 -> "server going away";
            case PublishProtocol.POLICY_VIOLATION -> "policy violation";
            case PublishProtocol.MESSAGE_TOO_BIG -> "message too big: the frame is over the server's --max-frame-bytes";
            case 1011 -> "server error";
            default -> "status " + code;
        };
        return "WebSocket closed by the server (" + code + " " + meaning + ")" + (reason == null || reason.isBlank() ? "" : ": " + reason);
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

    /** What to do about the usual certificate failures. */
    private static String tlsHint(String detail) {
        String text = detail == null ? "" : detail;
        if (text.contains("PKIX") || text.contains("certification path")) {
            return " (the server's certificate is not signed by a CA this machine trusts: for a private CA or a self-signed"
                    + " certificate give it with --ca FILE)";
        }
        if (text.contains("subject alternative") || text.contains("No name matching")) {
            return " (the server's certificate is for another host name than --server's)";
        }
        return "";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
