package org.livecam.config;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --data} folder: made when missing, refused with one clear line when it cannot be used. */
public final class DataDir {
    private DataDir() {
    }

    /** Creates the folder if needed and checks it is a writable folder; a {@link StartupException} otherwise. */
    public static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StartupException("--data " + dir + " is a file, not a folder; choose a folder for livecam's data");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("cannot create the data folder " + dir + ": " + reason(e) + "; choose another --data", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StartupException("the data folder " + dir + " is not writable; fix its permissions or choose another --data");
        }
        return dir;
    }

    /** What went wrong, without the path the exception repeats. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return String.valueOf(e.getMessage());
    }
}
