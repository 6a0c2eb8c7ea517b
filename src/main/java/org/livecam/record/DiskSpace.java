package org.livecam.record;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free space of the file system the recordings are on, and the part of it recording must leave free. */
final class DiskSpace {
    private final FileStore store;
    private final long minFree;
    private final long forRecordings;

    DiskSpace(Path dir, RecordConfig config) throws IOException {
        this.store = Files.getFileStore(dir);
        long total = store.getTotalSpace();
        this.minFree = config.minFree(total);
        this.forRecordings = Math.max(0, total - minFree);
    }

    /** The most recordings could ever take here: the file system's size less the minimum kept free. */
    long forRecordings() {
        return forRecordings;
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
