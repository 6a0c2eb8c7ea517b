package org.livecam.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cameras a server pulls, from every place that names one: the config file's, then the
 * {@code --camera ID=SPEC} flags (a flag replaces the source of a file camera with its id and
 * keeps its other settings), then the demo camera unless a camera already has its id.
 */
public final class CameraList {
    private CameraList() {
    }

    /**
     * Throws IllegalArgumentException, with a message for the user, for a malformed flag or a bad
     * camera id; source specs are not parsed here (the server parses each once when it starts).
     */
    public static List<CameraConfig> merge(List<ConfigFile.CameraEntry> fromFile, List<String> flags,
                                           Duration defaultIdle, Optional<CameraConfig> demo) {
        Map<String, CameraConfig> byId = new LinkedHashMap<>();
        for (ConfigFile.CameraEntry entry : fromFile) {
            if (entry.source() != null) { // the others are pushed cameras with only access settings
                byId.put(entry.id(), entry.withDefaultIdle(defaultIdle));
            }
        }
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--camera must look like ID=SPEC, e.g. door=exec:ffmpeg ...");
            }
            String id = flag.substring(0, eq);
            String source = flag.substring(eq + 1);
            CameraConfig existing = byId.get(id);
            byId.put(id, existing != null ? existing.withSource(source) : CameraConfig.onDemand(id, source, defaultIdle));
        }
        demo.ifPresent(camera -> byId.putIfAbsent(camera.id(), camera));
        return List.copyOf(new ArrayList<>(byId.values()));
    }
}
