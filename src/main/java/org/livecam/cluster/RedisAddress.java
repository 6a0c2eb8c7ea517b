package org.livecam.cluster;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where Redis is: {@code redis://[user:password@]HOST[:PORT][/DB]}, or {@code rediss://} for TLS.
 * Checked once at start; {@link #toString} never shows the credentials, so it is safe to log.
 */
public final class RedisAddress {
    public static final int DEFAULT_PORT = 6379;

    private final String connectionString;
    private final String shown;

    private RedisAddress(String connectionString, String shown) {
        this.connectionString = connectionString;
        this.shown = shown;
    }

    /** Parses and checks {@code text}; a clear {@link IllegalArgumentException} that hides the password otherwise. */
    public static RedisAddress parse(String text) {
        String hint = "expected redis://[user:password@]HOST:PORT[/DB] or rediss://...";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("--redis: not a URL; " + hint);
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("--redis: scheme must be redis or rediss, not " + scheme + "; " + hint);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--redis: no host; " + hint);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException("--redis: the path must be a database number (/0 to /99); " + hint);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--redis: no query or fragment allowed; " + hint);
        }
        String shown = scheme + "://" + (uri.getRawUserInfo() != null ? "***@" : "")
                + uri.getHost() + ":" + port + (path.length() > 1 ? path : "");
        return new RedisAddress(uri.toString(), shown);
    }

    /** The URL as the Redis client takes it, credentials included: never log this. */
    String connectionString() {
        return connectionString;
    }

    @Override
    public String toString() {
        return shown;
    }
}
