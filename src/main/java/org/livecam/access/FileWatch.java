package org.livecam.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Says when a file changed (time, size or inode: a file replaced by a rename is new), looking at
 * most once a second, so a server notices an edited users file or a rotated key without a
 * restart and without a system call per request. Thread-safe.
 */
final class FileWatch {
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private Object stamp;
    private long checkedAt;

    FileWatch(Path file) {
        this.file = file;
        this.stamp = stamp();
        this.checkedAt = System.nanoTime();
    }

    Path file() {
        return file;
    }

    /** True once after each change, when at least a second passed since the last look. */
    synchronized boolean changed() {
        long now = System.nanoTime();
        if (now - checkedAt < CHECK_EVERY_NANOS) {
            return false;
        }
        checkedAt = now;
        Object current = stamp();
        if (Objects.equals(current, stamp)) {
            return false;
        }
        stamp = current;
        return true;
    }

    /** Makes the next look (a second after the last) say changed, whatever the file: to read it again then. */
    synchronized void lookAgain() {
        stamp = "look again";
    }

    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
