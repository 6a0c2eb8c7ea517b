package org.livecam.config;

import java.time.Duration;
import org.livecam.frame.CameraId;

/**
 * A camera the server pulls itself.
 *
 * @param source      a source spec (see {@link org.livecam.source.SourceSpecs})
 * @param alwaysOn    run the source from start to shutdown instead of on demand
 * @param idleTimeout how long the source keeps running after the last viewer left
 */
public record CameraConfig(String id, String source, boolean alwaysOn, Duration idleTimeout) {
    public CameraConfig {
        if (!CameraId.isValid(id)) {
            throw new IllegalArgumentException("camera id '" + id + "' must be 1 to 64 of a-z, 0-9, _ and -");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("camera " + id + " needs a source");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("camera " + id + ": idle timeout must not be negative");
        }
    }
}
