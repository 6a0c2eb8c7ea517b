package org.livecam.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.livecam.frame.CameraId;

/**
 * Everything an uploader is started with; checked when built, so a bad server URL or camera id
 * stops {@code livecam push} at once with a message instead of failing on every frame.
 *
 * @param server      the server's base URL, {@code http(s)://host[:port][/prefix]}
 * @param camera      the camera id frames are published to
 * @param token       the server's publish token; never logged
 * @param maxFps      the most frames sent per second; 0 sends as fast as the server takes them
 * @param width       re-encode frames wider than this down to it; 0 keeps the width
 * @param quality     re-encode at this JPEG quality (1 to 100); 0 keeps the source's bytes unless width asks
 * @param retryMin    the first wait after a failure
 * @param retryMax    the longest wait between attempts while the server is away; it bounds how
 *                    soon frames flow again after the server returns
 * @param authRetry   the wait between attempts after the server refused the token
 * @param timeout     the longest one connect, and one whole upload, may take
 */
public record PushConfig(URI server, String camera, String token, double maxFps, int width, int quality,
                         Duration retryMin, Duration retryMax, Duration authRetry, Duration timeout) {

    public PushConfig {
        CameraId.check(camera);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a publish token is required: --token TOKEN or LIVECAM_TOKEN in the environment");
        }
        if (maxFps < 0 || Double.isNaN(maxFps) || maxFps > 1000) {
            throw new IllegalArgumentException("--fps must be from 0 (no cap) to 1000: " + maxFps);
        }
        if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("--retry-max must be at least the first retry wait (" + retryMin.toMillis() + " ms)");
        }
        if (authRetry.isNegative() || authRetry.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--auth-retry and --timeout must be above zero");
        }
        new FrameReencoder(width, quality); // checks width and quality
    }

    /** Settings as {@code livecam push} defaults them, for callers that only know where to send. */
    public static PushConfig of(String server, String camera, String token) {
        return new PushConfig(serverUri(server), camera, token, 0, 0, 0,
                Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Reads and checks a {@code --server} URL; throws IllegalArgumentException that says what is wrong. */
    public static URI serverUri(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--server must start with http:// or https://, like http://myserver:8080: " + text);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--server has no host name: " + text);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--server must not carry user:password; the token goes in --token or LIVECAM_TOKEN");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--server is the server's base URL, without ?query or #fragment: " + text);
        }
        return uri;
    }

    /** {@code POST} target: the core's publish route under the server's base URL. */
    public URI frameUri() {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/cameras/" + camera + "/frame");
    }

    boolean reencodes() {
        return width > 0 || quality > 0;
    }

    @Override
    public String toString() { // the record's default would print the token
        return "PushConfig[server=" + server + ", camera=" + camera + ", maxFps=" + maxFps + ", width=" + width
                + ", quality=" + quality + ", retry=" + retryMin + ".." + retryMax + "]";
    }
}
