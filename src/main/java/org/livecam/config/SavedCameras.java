package org.livecam.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The cameras added at run time ({@code PUT /api/cameras/{id}}), kept in {@code DATA/cameras.json}
 * so they come back after a restart. The file has the config file's shape and keys
 * ({@code {"cameras": {"door": {"source": "...", "fps": 5}}}}), and is read by {@link ConfigFile}
 * (JSON is YAML). It is replaced whole or not at all: written beside, then renamed over. It may
 * hold a camera's password in a URL, so only its owner can read it.
 */
public final class SavedCameras {
    public static final String FILE_NAME = "cameras.json";

    private final Path file;

    public SavedCameras(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved cameras, none when the file does not exist. */
    public List<ConfigFile.CameraEntry> load() throws ConfigFile.ConfigException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return ConfigFile.read(file, Set.of()).cameras();
    }

    /** Replaces the file with these cameras, atomically. */
    public void save(Collection<ConfigFile.CameraEntry> cameras) throws IOException {
        JsonObject byId = new JsonObject();
        for (ConfigFile.CameraEntry camera : cameras) {
            JsonObject json = new JsonObject().put("source", camera.source()).put("always-on", camera.alwaysOn());
            if (camera.idleTimeout() != null) {
                json.put("idle-timeout", camera.idleTimeout().toMillis() + "ms");
            }
            camera.fps().ifPresent(fps -> json.put("fps", fps));
            byId.put(camera.id(), json);
        }
        byte[] bytes = (new JsonObject().put("cameras", byId).encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
