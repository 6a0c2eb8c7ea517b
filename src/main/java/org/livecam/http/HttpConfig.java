package org.livecam.http;

import java.time.Duration;
import java.util.List;
import org.livecam.frame.Camera;
import org.livecam.frame.CameraId;
import org.livecam.frame.PixelLimit;
import org.livecam.variant.VariantSizes;

/**
 * Settings of the HTTP side, fixed at start. Start from {@link #defaults} (the defaults of
 * {@code livecam serve}) and change what differs with the {@code with...} methods, each of which
 * checks the new value as the constructor does.
 *
 * @param token            the bearer token that publishes frames
 * @param password         the tutorial's {@code ?password=}, or null when that route is off
 * @param defaultCamera    the camera behind the tutorial's and mjpg-streamer's URLs
 * @param maxFrameBytes    the largest JPEG accepted for publishing
 * @param snapshotWait     the longest a {@code ?after=} snapshot waits for a newer frame
 * @param viewerQueueBytes bytes queued in the server per viewer before it counts as busy
 * @param sendBufferBytes  the kernel send buffer per connection; 0 leaves the system default
 * @param variantWidths    the widths {@code ?width=} snaps to (resized variants)
 * @param staleAfter       the longest silence before a camera counts as stale, whatever its pace
 * @param adminToken       the bearer token that adds and removes cameras over the API; null: that API is off
 * @param trustProxy       CIDRs of reverse proxies whose X-Forwarded-For names the client
 * @param transport        native epoll where it loads ({@code auto}) or always Java NIO
 * @param tls              the certificate and key served over HTTPS, or null for plain HTTP
 * @param connections      how long a connection may stay silent, and how many are served at once
 * @param metricsToken     the bearer token that {@code GET /metrics} needs, or null when it is open
 * @param maxFramePixels   the most pixels a published or pulled frame may claim (width times height)
 */
public record HttpConfig(
        String bind,
        int port,
        String token,
        String password,
        String defaultCamera,
        int maxFrameBytes,
        Duration snapshotWait,
        int viewerQueueBytes,
        int sendBufferBytes,
        List<Integer> variantWidths,
        Duration staleAfter,
        String adminToken,
        List<String> trustProxy,
        NetworkTransport transport,
        TlsFiles tls,
        ConnectionLimits connections,
        String metricsToken,
        long maxFramePixels) {

    public HttpConfig {
        if (port < 0 || port > 65535) { // found by fuzzing the config file: port 900001 was taken
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free one): " + port);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a publish token is required");
        }
        if (!CameraId.isValid(defaultCamera)) {
            throw new IllegalArgumentException("default camera '" + defaultCamera + "': camera ids must be " + CameraId.RULE);
        }
        if (snapshotWait == null || snapshotWait.isZero() || snapshotWait.isNegative()) {
            throw new IllegalArgumentException("the snapshot wait must be above zero: " + snapshotWait);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame bytes must be at least 1024: " + maxFrameBytes);
        }
        if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
            throw new IllegalArgumentException("the stale-after limit must be above zero: " + staleAfter);
        }
        if (adminToken != null && adminToken.isBlank()) {
            adminToken = null;
        }
        trustProxy = List.copyOf(trustProxy);
        ClientAddress.trusting(trustProxy); // checks them
        if (transport == null) {
            throw new IllegalArgumentException("a network transport is required: auto or nio");
        }
        if (connections == null) {
            throw new IllegalArgumentException("connection limits are required");
        }
        if (metricsToken != null && metricsToken.isBlank()) {
            throw new IllegalArgumentException("the metrics token must not be blank");
        }
        new PixelLimit(maxFramePixels); // checks it
        variantWidths = List.copyOf(variantWidths);
        new VariantSizes(variantWidths, VariantSizes.DEFAULT_HEIGHTS); // checks them
    }

    /** The defaults of {@code livecam serve} (all addresses, port 8080, no password) with this token. */
    public static HttpConfig defaults(String token) {
        return new HttpConfig("0.0.0.0", 8080, token, null, "live", 10 * 1024 * 1024, Duration.ofSeconds(30),
                64 * 1024, 64 * 1024, VariantSizes.DEFAULT_WIDTHS, Camera.DEFAULT_STALE_AFTER, null, List.of(), NetworkTransport.AUTO, null, ConnectionLimits.defaults(), null,
                PixelLimit.DEFAULT_MAX_PIXELS);
    }

    public HttpConfig withToken(String newToken) {
        return new HttpConfig(bind, port, newToken, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withBind(String newBind) {
        return new HttpConfig(newBind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    /** Null turns the {@code ?password=} upload off. */
    public HttpConfig withPassword(String newPassword) {
        return new HttpConfig(bind, port, token, newPassword, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withDefaultCamera(String newDefaultCamera) {
        return new HttpConfig(bind, port, token, password, newDefaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withMaxFrameBytes(int newMaxFrameBytes) {
        return new HttpConfig(bind, port, token, password, defaultCamera, newMaxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withSnapshotWait(Duration newSnapshotWait) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, newSnapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withViewerQueueBytes(int newViewerQueueBytes) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                newViewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withSendBufferBytes(int newSendBufferBytes) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, newSendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withVariantWidths(List<Integer> newVariantWidths) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, newVariantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withStaleAfter(Duration newStaleAfter) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, newStaleAfter, adminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    /** Null or blank turns adding and removing cameras over the API off. */
    public HttpConfig withAdminToken(String newAdminToken) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, newAdminToken, trustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withTrustProxy(List<String> newTrustProxy) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, newTrustProxy, transport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withTransport(NetworkTransport newTransport) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, newTransport, tls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withTls(TlsFiles newTls) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, newTls, connections, metricsToken, maxFramePixels);
    }

    public HttpConfig withConnections(ConnectionLimits newConnections) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, newConnections, metricsToken, maxFramePixels);
    }

    /** Null leaves {@code GET /metrics} open. */
    public HttpConfig withMetricsToken(String newMetricsToken) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections,
                newMetricsToken, maxFramePixels);
    }

    public HttpConfig withMaxFramePixels(long newMaxFramePixels) {
        return new HttpConfig(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait,
                viewerQueueBytes, sendBufferBytes, variantWidths, staleAfter, adminToken, trustProxy, transport, tls, connections,
                metricsToken, newMaxFramePixels);
    }

    /** {@link #maxFramePixels} as the check every frame passes. */
    public PixelLimit pixelLimit() {
        return new PixelLimit(maxFramePixels);
    }
}
