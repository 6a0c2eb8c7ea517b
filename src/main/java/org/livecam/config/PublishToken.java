package org.livecam.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public enum Source { GIVEN, MADE, KEPT }

    /** True when no token was given (null or blank), so one is read from or made in the data folder. */
    public static boolean isMissing(String given) {
        return given == null || given.isBlank();
    }

    public static String random() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The given token, else the one kept in {@code dataDir}, else a new one written there first. */
    public static Resolved resolve(String given, Path dataDir) {
        if (!isMissing(given)) {
            return new Resolved(given, Source.GIVEN, null);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new Resolved(read(file), Source.KEPT, file);
            }
            String made = random();
            write(file, made);
            return new Resolved(made, Source.MADE, file);
        } catch (FileAlreadyExistsException raced) {
            return resolve(given, dataDir);
        } catch (IOException e) {
            throw new StartupException("cannot keep the publish token in " + file + ": " + DataDir.reason(e), e);
        }
    }

    /** Deletes a token made by {@link #resolve} that no one has seen, when the server did not start. */
    public static void forgetIfUnseen(Resolved resolved) {
        if (resolved.source() == Source.MADE) {
            try {
                Files.deleteIfExists(resolved.file());
            } catch (IOException e) {
                // the next start then reports where the token is kept instead of printing it
            }
        }
    }

    private static String read(Path file) throws IOException {
        String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (kept.isEmpty()) {
            throw new StartupException("the publish token file " + file + " is empty; delete it to make a new token");
        }
        return kept;
    }

    private static void write(Path file, String token) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Tells the user how to publish: the token itself when it was just made, else where it is
     * kept. Written to the console, never through the logger, so the token stays out of log files.
     */
    public static void announce(Resolved resolved, int port, PrintStream console) {
        switch (resolved.source()) {
            case MADE -> {
                console.println("No --token given. Made a publish token and kept it in " + resolved.file() + ": " + resolved.token());
                console.println("  curl -H 'Authorization: Bearer " + resolved.token() + "' --data-binary @photo.jpg http://localhost:"
                        + port + "/cameras/mycam/frame");
            }
            case KEPT -> console.println("Publish token: the one kept in " + resolved.file()
                    + " (read it with: cat " + resolved.file() + ")");
            case GIVEN -> { }
        }
    }
}
