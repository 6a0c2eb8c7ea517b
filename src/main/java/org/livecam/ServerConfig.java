package org.livecam;

import java.nio.file.Path;
import java.time.Duration;
import org.livecam.http.HttpConfig;

/**
 * Everything {@code livecam serve} is started with.
 *
 * @param demo            whether the generated demo camera runs
 * @param demoCamera      the id of the demo camera
 * @param persistInterval how often changed latest frames are written to the store
 */
public record ServerConfig(
        HttpConfig http,
        Path dataDir,
        boolean demo,
        String demoCamera,
        int demoWidth,
        int demoHeight,
        double demoFps,
        Duration persistInterval) {
}
