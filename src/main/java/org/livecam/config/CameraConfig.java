package org.livecam.config;

import java.time.Duration;
import java.util.OptionalDouble;
import org.livecam.frame.CameraId;

/**
 * A camera the server pulls itself. The source spec stays text here: it is parsed once, when
 * the server starts, by the source package (which reads its durations from this package).
 *
 * @param source      a source spec (see {@code org.livecam.source.SourceSpecs})
 * @param alwaysOn    run the source from start to shutdown instead of on demand
 * @param idleTimeout how long the source keeps running after the last viewer left
 * @param fps         the most frames a second, for a source spec that sets no fps; empty: the
 *                    source's default
 */
public record CameraConfig(String id, String source, boolean alwaysOn, Duration idleTimeout, OptionalDouble fps) {
    public CameraConfig {
        if (!CameraId.isValid(id)) {
            throw new IllegalArgumentException("camera id '" + id + "' must be " + CameraId.RULE);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("camera " + id + " needs a source");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("camera " + id + ": idle timeout must not be negative");
        }
        if (fps.isPresent() && !(fps.getAsDouble() > 0)) {
            throw new IllegalArgumentException("camera " + id + ": fps must be a number above 0");
        }
    }

    /** A camera at its source's own fps. */
    public CameraConfig(String id, String source, boolean alwaysOn, Duration idleTimeout) {
        this(id, source, alwaysOn, idleTimeout, OptionalDouble.empty());
    }

    /** A camera whose source runs only while watched, and {@code idleTimeout} after. */
    public static CameraConfig onDemand(String id, String source, Duration idleTimeout) {
        return new CameraConfig(id, source, false, idleTimeout);
    }

    public CameraConfig withSource(String newSource) {
        return new CameraConfig(id, newSource, alwaysOn, idleTimeout, fps);
    }
}
