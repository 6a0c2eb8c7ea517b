package org.livecam.http;

import java.time.Duration;
import java.util.List;
import org.livecam.variant.VariantSizes;

/**
 * Settings of the HTTP side, fixed at start.
 *
 * @param token            the bearer token that publishes frames
 * @param password         the tutorial's {@code ?password=}, or null when that route is off
 * @param defaultCamera    the camera behind the tutorial's and mjpg-streamer's URLs
 * @param maxFrameBytes    the largest JPEG accepted for publishing
 * @param snapshotWait     the longest a {@code ?after=} snapshot waits for a newer frame
 * @param viewerQueueBytes bytes queued in the server per viewer before it counts as busy
 * @param sendBufferBytes  the kernel send buffer per connection; 0 leaves the system default
 * @param variantWidths    the widths {@code ?width=} snaps to (resized variants)
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
        List<Integer> variantWidths) {

    public HttpConfig {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a publish token is required");
        }
        if (snapshotWait == null || snapshotWait.isZero() || snapshotWait.isNegative()) {
            throw new IllegalArgumentException("the snapshot wait must be above zero: " + snapshotWait);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame bytes must be at least 1024: " + maxFrameBytes);
        }
        variantWidths = List.copyOf(variantWidths);
        new VariantSizes(variantWidths, VariantSizes.DEFAULT_HEIGHTS); // checks them
    }

    /** The settings with the default variant widths. */
    public HttpConfig(String bind, int port, String token, String password, String defaultCamera, int maxFrameBytes,
            Duration snapshotWait, int viewerQueueBytes, int sendBufferBytes) {
        this(bind, port, token, password, defaultCamera, maxFrameBytes, snapshotWait, viewerQueueBytes, sendBufferBytes,
                VariantSizes.DEFAULT_WIDTHS);
    }
}
