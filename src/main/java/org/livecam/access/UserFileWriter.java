package org.livecam.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Adds, replaces or removes one user's line in an htpasswd file, keeping every other line as it
 * was. The file is replaced whole (written beside it, then renamed), so a server reading it never
 * sees half a file; a new file is readable by its owner only, an existing one keeps its permissions.
 */
final class UserFileWriter {
    private UserFileWriter() {
    }

    /** A name htpasswd and Basic credentials can both carry; IllegalArgumentException otherwise. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || !name.chars().allMatch(c -> c > ' ' && c != ':' && c != 127)) {
            throw new IllegalArgumentException("a user name is 1 to 255 characters without spaces or ':', not '" + name + "'");
        }
        return name;
    }

    /** Writes {@code name:hash}; true when it replaced an earlier line of that user. */
    static boolean put(Path file, String name, String hash) throws IOException {
        checkName(name);
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        List<String> written = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines) {
            if (line.startsWith(name + ":")) {
                if (!replaced) {
                    written.add(name + ":" + hash);
                }
                replaced = true;
            } else {
                written.add(line);
            }
        }
        if (!replaced) {
            written.add(name + ":" + hash);
        }
        write(file, written);
        return replaced;
    }

    /** Removes {@code name}'s line; false, and the file untouched, when there was none. */
    static boolean remove(Path file, String name) throws IOException {
        checkName(name);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(line -> !line.strip().startsWith(name + ":")).toList();
        if (kept.size() == lines.size()) {
            return false;
        }
        write(file, kept);
        return true;
    }

    /** The user names in the file, in its order (blank and comment lines skipped). */
    static List<String> names(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip) // as the server reads them
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.indexOf(':') > 0)
                .map(line -> line.substring(0, line.indexOf(':')))
                .toList();
    }

    private static void write(Path file, List<String> written) throws IOException {
        Set<PosixFilePermission> permissions = Files.exists(file) ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-------");
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions));
        try {
            Files.write(temp, written, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, permissions); // the umask may have narrowed them
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
