package org.livecam.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token that publishes frames: the one given, or one made once and kept in the data
 * folder ({@value #FILE_NAME}, readable by its owner only) so pushers keep working across restarts.
 * A given token is never written anywhere.
 */
public final class PublishToken {
    public static final String FILE_NAME = "publish-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublishToken() {
    }

    /** The token a server uses and where it came from. */
    public record Resolved(String token, Source source, Path file) {
    }

    /** GIVEN on the command line; MADE now; KEPT from an earlier start; REMADE in place of an empty file. */
    public enum Source { GIVEN, MADE, KEPT, REMADE }

    /** True when no token was given (null or blank), so one is read from or made in the data folder. */
    public static boolean isMissing(String given) {
        return given == null || given.isBlank();
    }

    public static String random() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The given token, else the one kept in {@code dataDir}, else a new one kept there. The file
     * appears whole or not at all, so a crash or a second server starting at the same moment never
     * leaves an empty one; an empty one left by an older version is replaced, as no one can have
     * used it.
     */
    public static Resolved resolve(String given, Path dataDir) {
        if (!isMissing(given)) {
            return new Resolved(given, Source.GIVEN, null);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                return kept.isEmpty() ? remake(file) : new Resolved(kept, Source.KEPT, file);
            }
            String made = random();
            if (!keepUnlessPresent(file, made)) {
                return resolve(given, dataDir); // another server kept its token first: use that one
            }
            return new Resolved(made, Source.MADE, file);
        } catch (IOException e) {
            throw new StartupException("cannot keep the publish token in " + file + ": " + DataDir.reason(e), e);
        }
    }

    /** Deletes a token made by {@link #resolve} that no one has seen, when the server did not start. */
    public static void forgetIfUnseen(Resolved resolved) {
        if (resolved.source() == Source.MADE || resolved.source() == Source.REMADE) {
            try {
                Files.deleteIfExists(resolved.file());
            } catch (IOException e) {
                // the next start then reports where the token is kept instead of printing it
            }
        }
    }

    private static Resolved remake(Path file) throws IOException {
        String made = random();
        Path temp = writeTemp(file, made);
        try {
            replaceAtomically(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Resolved(made, Source.REMADE, file);
    }

    /** Writes the token beside {@code file} and links it into place; false when {@code file} appeared meanwhile. */
    private static boolean keepUnlessPresent(Path file, String token) throws IOException {
        Path temp = writeTemp(file, token);
        try {
            // A link fails when the name is taken, where an atomic move (rename) would replace it silently.
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            try {
                Files.move(temp, file); // refuses a present file, though not atomically
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path writeTemp(Path file, String token) throws IOException {
        Path temp;
        try {
            temp = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            temp = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp");
        }
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        return temp;
    }

    private static void replaceAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Tells the user how to publish: the token itself when it was just made, else where it is
     * kept. Written to the console, never through the logger, so the token stays out of log files.
     */
    public static void announce(Resolved resolved, int port, PrintStream console) {
        switch (resolved.source()) {
            case MADE -> {
                console.println("No --token given. Made a publish token and kept it in " + resolved.file() + ": " + resolved.token());
                printCurl(resolved.token(), port, console);
            }
            case REMADE -> {
                console.println("No --token given, and " + resolved.file() + " was empty (left by an interrupted start)."
                        + " Made a new publish token and kept it there: " + resolved.token());
                printCurl(resolved.token(), port, console);
            }
            case KEPT -> console.println("Publish token: the one kept in " + resolved.file()
                    + " (read it with: cat " + resolved.file() + ")");
            case GIVEN -> { }
        }
    }

    private static void printCurl(String token, int port, PrintStream console) {
        console.println("  curl -H 'Authorization: Bearer " + token + "' --data-binary @photo.jpg http://localhost:"
                + port + "/cameras/mycam/frame");
    }
}
