package org.livecam;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.livecam.config.CameraConfig;
import org.livecam.http.HttpConfig;

/**
 * Everything {@code livecam serve} is started with.
 *
 * @param demo            whether the generated demo camera runs
 * @param demoCamera      the id of the demo camera
 * @param persistInterval how often changed latest frames are written to the store
 * @param cameras         cameras the server pulls itself ({@code --camera}, the config file)
 */
public record ServerConfig(
        HttpConfig http,
        Path dataDir,
        boolean demo,
        String demoCamera,
        int demoWidth,
        int demoHeight,
        double demoFps,
        Duration persistInterval,
        List<CameraConfig> cameras) {

    public ServerConfig {
        if (persistInterval == null || persistInterval.isZero() || persistInterval.isNegative()) {
            throw new IllegalArgumentException("the persist interval must be above zero: " + persistInterval);
        }
        cameras = List.copyOf(cameras);
    }

    /** Without pulled cameras. */
    public ServerConfig(HttpConfig http, Path dataDir, boolean demo, String demoCamera, int demoWidth, int demoHeight,
                        double demoFps, Duration persistInterval) {
        this(http, dataDir, demo, demoCamera, demoWidth, demoHeight, demoFps, persistInterval, List.of());
    }

    public ServerConfig withCameras(List<CameraConfig> pulled) {
        return new ServerConfig(http, dataDir, demo, demoCamera, demoWidth, demoHeight, demoFps, persistInterval, pulled);
    }
}
