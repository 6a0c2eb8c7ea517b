package org.livecam.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A {@code livecam.db} that cannot be used (not a database, corrupt, a folder, unreadable) moved
 * aside as {@code livecam.db.corrupt-TIMESTAMP}, with its {@code -wal} and {@code -shm} beside it
 * (a stale journal would be replayed into the fresh file), so the server can start a fresh one and
 * the broken one stays there to look at.
 */
final class BrokenDatabase {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};

    private BrokenDatabase() {
    }

    /** Whether there is anything at {@code file} (a dangling or looping link counts). */
    static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Moves {@code file} and its companions aside; returns where {@code file} went. */
    static Path moveAside(Path file, Instant now) throws IOException {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(now);
        Path aside = file.resolveSibling(base);
        for (int n = 1; exists(aside); n++) { // two starts within a second
            aside = file.resolveSibling(base + "-" + n);
        }
        Files.move(file, aside);
        for (String suffix : COMPANIONS) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (exists(companion)) {
                Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
            }
        }
        return aside;
    }
}
