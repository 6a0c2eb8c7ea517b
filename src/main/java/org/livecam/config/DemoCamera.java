package org.livecam.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The generated demo camera: an ordinary pulled camera whose source is the test pattern, run on
 * demand like any other, so an unwatched demo costs nothing.
 */
public final class DemoCamera {
    private DemoCamera() {
    }

    /**
     * The demo from {@code --demo-size} text ({@code 1280x720}) and {@code --demo-fps}; like any
     * pulled camera it stops {@code idleTimeout} after its last viewer left.
     */
    public static CameraConfig of(String id, String size, double fps, Duration idleTimeout) {
        String[] parts = size.toLowerCase().split("x");
        if (parts.length != 2 || !parts[0].matches("\\d{2,5}") || !parts[1].matches("\\d{2,5}")) {
            throw new IllegalArgumentException("--demo-size must look like 1280x720, not '" + size + "'");
        }
        return of(id, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), fps, idleTimeout);
    }

    public static CameraConfig of(String id, int width, int height, double fps, Duration idleTimeout) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("--demo-fps must be a number above 0, not " + fps);
        }
        String rate = BigDecimal.valueOf(fps).stripTrailingZeros().toPlainString();
        return CameraConfig.onDemand(id, "test:?size=" + width + "x" + height + "&fps=" + rate, idleTimeout);
    }
}
