package org.livecam.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.livecam.config.CaTrust;
import org.livecam.frame.CameraId;
import org.livecam.publish.PublishProtocol;

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
 * @param transport   how frames travel: a POST each, or binary messages on one WebSocket
 * @param caFile      PEM certificates to trust for an https server instead of the JDK's public CAs, or null
 */
public record PushConfig(URI server, String camera, String token, double maxFps, int width, int quality,
                         Duration retryMin, Duration retryMax, Duration authRetry, Duration timeout, Transport transport,
                         Path caFile) {

    /** How frames travel to the server; {@code livecam push --transport http|ws}. */
    public enum Transport {
        /** {@code POST /cameras/{id}/frame}, one request per frame on a keep-alive connection. */
        HTTP,
        /** One binary message per frame on {@code GET /cameras/{id}/publish}, a long-lived WebSocket. */
        WS;

        /** Reads {@code http} or {@code ws}, in any case. */
        public static Transport parse(String text) {
            for (Transport t : values()) {
                if (t.name().equalsIgnoreCase(text.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("--transport must be http or ws: " + text);
        }
    }

    /** The settings before {@code --transport} existed: frames go as HTTP POSTs. */
    public PushConfig(URI server, String camera, String token, double maxFps, int width, int quality,
                      Duration retryMin, Duration retryMax, Duration authRetry, Duration timeout) {
        this(server, camera, token, maxFps, width, quality, retryMin, retryMax, authRetry, timeout, Transport.HTTP, null);
    }

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
        if (transport == null) {
            throw new IllegalArgumentException("--transport must be http or ws");
        }
        if (caFile != null) {
            CaTrust.sslContext(caFile); // checks that it holds certificates
        }
    }

    /** Settings as {@code livecam push} defaults them, for callers that only know where to send. */
    public static PushConfig of(String server, String camera, String token) {
        return new PushConfig(serverUri(server), camera, token, 0, 0, 0,
                Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Reads and checks a {@code --server} URL; throws IllegalArgumentException that says what is wrong. */
    public static URI serverUri(String text) {
        if (!text.contains("://")) { // 'myserver:8080' parses as a scheme, or fails as one: say what is missing
            throw new IllegalArgumentException("--server must start with http:// or https://, like http://myserver:8080: " + text);
        }
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
        return URI.create(base() + "/cameras/" + camera + "/frame");
    }

    /** WebSocket target: the server's publish socket, {@code ws://} or {@code wss://} as the server URL is http or https. */
    public URI socketUri() {
        String scheme = server.getScheme().toLowerCase();
        return URI.create((scheme.equals("https") ? "wss" : "ws") + base().substring(scheme.length()) + PublishProtocol.path(camera));
    }

    /** The server URL without trailing slashes, so a path appends cleanly. */
    private String base() {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** Where frames go with the chosen transport. */
    public URI targetUri() {
        return transport == Transport.WS ? socketUri() : frameUri();
    }

    /** The same settings with another transport. */
    public PushConfig withTransport(Transport newTransport) {
        return new PushConfig(server, camera, token, maxFps, width, quality, retryMin, retryMax, authRetry, timeout, newTransport, caFile);
    }

    /** The same settings, trusting the PEM certificates in {@code newCaFile} (null: the JDK's public CAs). */
    public PushConfig withCaFile(Path newCaFile) {
        return new PushConfig(server, camera, token, maxFps, width, quality, retryMin, retryMax, authRetry, timeout, transport, newCaFile);
    }

    boolean reencodes() {
        return width > 0 || quality > 0;
    }

    @Override
    public String toString() { // the record's default would print the token
        return "PushConfig[server=" + server + ", camera=" + camera + ", maxFps=" + maxFps + ", width=" + width
                + ", quality=" + quality + ", retry=" + retryMin + ".." + retryMax + ", transport=" + transport + (caFile != null ? ", ca=" + caFile : "") + "]";
    }
}
