package org.livecam.record;

import java.nio.file.Path;
import java.util.Optional;

/** Where the reading side finds a camera's archive; {@link #NONE} when nothing is recorded. */
public interface Archives {
    Archives NONE = cameraId -> Optional.empty();

    Optional<Archive> archive(String cameraId);

    /** Where a timelapse is made before it is sent (beside the recordings, not in a RAM-backed /tmp). */
    default Path scratchDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
