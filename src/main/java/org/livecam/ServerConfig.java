package org.livecam;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.livecam.config.CameraConfig;
import org.livecam.http.HttpConfig;
import org.livecam.record.RecordConfig;

/**
 * Everything {@code livecam serve} is started with. Start from {@link #of} and change what
 * differs with the {@code with...} methods; none of them loses another setting.
 *
 * @param persistInterval how often changed latest frames are written to the store
 * @param cameras         cameras the server pulls itself (the config file, {@code --camera}, the demo)
 * @param record          which cameras are recorded, and how ({@link RecordConfig#OFF}: none)
 */
public record ServerConfig(HttpConfig http, Path dataDir, Duration persistInterval, List<CameraConfig> cameras, RecordConfig record) {
    public static final Duration DEFAULT_PERSIST_INTERVAL = Duration.ofSeconds(1);

    public ServerConfig {
        if (persistInterval == null || persistInterval.isZero() || persistInterval.isNegative()) {
            throw new IllegalArgumentException("the persist interval must be above zero: " + persistInterval);
        }
        cameras = List.copyOf(cameras);
        record = record == null ? RecordConfig.OFF : record;
        Set<String> ids = new HashSet<>();
        for (CameraConfig camera : cameras) {
            if (!ids.add(camera.id())) {
                throw new IllegalArgumentException("camera " + camera.id() + " is configured twice");
            }
        }
    }

    /** Recording nothing. */
    public ServerConfig(HttpConfig http, Path dataDir, Duration persistInterval, List<CameraConfig> cameras) {
        this(http, dataDir, persistInterval, cameras, RecordConfig.OFF);
    }

    /** No pulled cameras, the latest frames saved every second. */
    public static ServerConfig of(HttpConfig http, Path dataDir) {
        return new ServerConfig(http, dataDir, DEFAULT_PERSIST_INTERVAL, List.of());
    }

    public ServerConfig withHttp(UnaryOperator<HttpConfig> change) {
        return new ServerConfig(change.apply(http), dataDir, persistInterval, cameras, record);
    }

    public ServerConfig withPersistInterval(Duration newPersistInterval) {
        return new ServerConfig(http, dataDir, newPersistInterval, cameras, record);
    }

    public ServerConfig withCameras(List<CameraConfig> newCameras) {
        return new ServerConfig(http, dataDir, persistInterval, newCameras, record);
    }

    public ServerConfig withRecord(RecordConfig newRecord) {
        return new ServerConfig(http, dataDir, persistInterval, cameras, newRecord);
    }

    /** These cameras and one more. */
    public ServerConfig withCamera(CameraConfig camera) {
        List<CameraConfig> more = new ArrayList<>(cameras);
        more.add(camera);
        return withCameras(more);
    }
}
