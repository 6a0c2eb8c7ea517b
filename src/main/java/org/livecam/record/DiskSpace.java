package org.livecam.record;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free space of the file system the recordings are on, and the part of it recording must leave free. */
final class DiskSpace {
    private final FileStore store;
    private final long minFree;

    DiskSpace(Path dir, RecordConfig config) throws IOException {
        this.store = Files.getFileStore(dir);
        this.minFree = config.minFree(store.getTotalSpace());
    }

    long minFree() {
        return minFree;
    }

    long usable() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return 0; // cannot tell: count it as full, which only pauses recording
        }
    }

    /** True when {@code bytes} more can be written and the minimum still stays free. */
    boolean roomFor(long bytes) {
        return usable() - bytes >= minFree;
    }
}
