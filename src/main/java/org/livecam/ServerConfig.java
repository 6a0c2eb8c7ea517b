package org.livecam;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.livecam.access.AccessConfig;
import org.livecam.cluster.ClusterConfig;
import org.livecam.config.CameraConfig;
import org.livecam.http.HttpConfig;
import org.livecam.record.RecordConfig;

/**
 * Everything {@code livecam serve} is started with. Start from {@link #of} and change what
 * differs with the {@code with...} methods; none of them loses another setting.
 *
 * @param persistInterval how often changed latest frames are written to the store
 * @param cameras         cameras the server pulls itself (the config file, {@code --camera}, the demo)
 * @param idleTimeout     how long a source runs after its last viewer, for a camera added over the
 *                        API that says nothing else (the configured ones have theirs already)
 * @param access          who may watch and publish ({@link AccessConfig#PUBLIC}: everyone watches)
 * @param cluster         how this node shares cameras with others through Redis, or null to run alone
 ServerConfig(HttpConfig http, Path dataDir, Duration persistInterval, List<CameraConfig> cameras,
                           Duration idleTimeout, AccessConfig access, ClusterConfig cluster) {
 * @param record          which cameras are recorded, and how ({@link RecordConfig#OFF}: none)
 */
public record ServerConfig(HttpConfig http, Path dataDir, Duration persistInterval, List<CameraConfig> cameras,
                           Duration idleTimeout, AccessConfig access, ClusterConfig cluster, RecordConfig record) {
    public static final Duration DEFAULT_PERSIST_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public ServerConfig {
        if (persistInterval == null || persistInterval.isZero() || persistInterval.isNegative()) {
            throw new IllegalArgumentException("the persist interval must be above zero: " + persistInterval);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the idle timeout must not be negative: " + idleTimeout);
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

    /** No pulled cameras, the latest frames saved every second. */
    public static ServerConfig of(HttpConfig http, Path dataDir) {
        return new ServerConfig(http, dataDir, DEFAULT_PERSIST_INTERVAL, List.of(), DEFAULT_IDLE_TIMEOUT, AccessConfig.PUBLIC, null, RecordConfig.OFF);
    }

    public ServerConfig withHttp(UnaryOperator<HttpConfig> change) {
        return new ServerConfig(change.apply(http), dataDir, persistInterval, cameras, idleTimeout, access, cluster, record);
    }

    public ServerConfig withPersistInterval(Duration newPersistInterval) {
        return new ServerConfig(http, dataDir, newPersistInterval, cameras, idleTimeout, access, cluster, record);
    }

    public ServerConfig withCameras(List<CameraConfig> newCameras) {
        return new ServerConfig(http, dataDir, persistInterval, newCameras, idleTimeout, access, cluster, record);
    }

    public ServerConfig withIdleTimeout(Duration newIdleTimeout) {
        return new ServerConfig(http, dataDir, persistInterval, cameras, newIdleTimeout, access, cluster, record);
    }

    public ServerConfig withAccess(UnaryOperator<AccessConfig> change) {
        return new ServerConfig(http, dataDir, persistInterval, cameras, idleTimeout, change.apply(access), cluster, record);
    }

    /** Shares cameras with other nodes through Redis; null runs alone. */
    public ServerConfig withCluster(ClusterConfig newCluster) {
        return new ServerConfig(http, dataDir, persistInterval, cameras, idleTimeout, access, newCluster, record);
    }

    public ServerConfig withRecord(RecordConfig newRecord) {
        return new ServerConfig(http, dataDir, persistInterval, cameras, idleTimeout, access, cluster, newRecord);
    }

    /** These cameras and one more. */
    public ServerConfig withCamera(CameraConfig camera) {
        List<CameraConfig> more = new ArrayList<>(cameras);
        more.add(camera);
        return withCameras(more);
    }
}
