package org.livecam.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livecam.config.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file: Apache htpasswd lines {@code name:$2y$...} (bcrypt, as {@code htpasswd -B}
 * writes them), read again when it changes, so adding a user needs no restart. A file that
 * turns unreadable or malformed keeps the users read last, with one warning. Lines with other
 * hashes (MD5, SHA-1, crypt) are skipped with a warning: those users cannot sign in.
 * Thread-safe; {@link #verify} is slow (bcrypt) and must not run on an event loop.
 */
public final class UserFile {
    private static final Logger log = LoggerFactory.getLogger(UserFile.class);
    /** Compared against when the user is unknown, so a wrong name takes as long as a wrong password. */
    private static final String NO_SUCH_USER = "$2y$10$bscQ.eeLVCdaeWiT6wTBO.CrCcBrrPPL103U32RpjmuALnCJLzcZK";

    private final FileWatch watch;
    private volatile Map<String, String> hashes;

    private UserFile(FileWatch watch, Map<String, String> hashes) {
        this.watch = watch;
        this.hashes = hashes;
    }

    /** Reads {@code file} now; a StartupException saying why when it cannot. */
    public static UserFile open(Path file) {
        try {
            return new UserFile(new FileWatch(file), parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            throw new StartupException("the users file " + file + " does not exist; make it with 'livecam users add NAME --users " + file + "'");
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
    }

    /** No users: nobody can sign in. */
    static UserFile none() {
        return new UserFile(null, Map.of());
    }

    /** Whether this file was found empty once, after it had users: read again before believing it. */
    private volatile boolean emptiedOnce;

    /** The user's bcrypt hash, or null when there is no such user. */
    String hashOf(String user) {
        return current().get(user);
    }

    /** Whether {@code password} is {@code user}'s; as slow for an unknown user as for a known one. */
    boolean verify(String user, String password) {
        String hash = hashOf(user);
        boolean right = Bcrypt.verify(password, hash != null ? hash : NO_SUCH_USER);
        return right && hash != null;
    }

    /** A short digest of the user's hash, which changes with the password; null for no such user. */
    String fingerprint(String user) {
        String hash = hashOf(user);
        if (hash == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int size() {
        return current().size();
    }

    private Map<String, String> current() {
        if (watch != null && watch.changed()) {
            try {
                Map<String, String> read = parse(watch.file(), Files.readAllLines(watch.file(), StandardCharsets.UTF_8));
                if (read.isEmpty() && !hashes.isEmpty() && !emptiedOnce) {
                    // htpasswd and editors rewrite the file in place, empty for a moment: that is no one
                    // removing everyone (which would end every signed-in stream). Believed a second later.
                    emptiedOnce = true;
                    watch.lookAgain();
                    return hashes;
                }
                emptiedOnce = false;
                hashes = read;
                log.info("Users file {} changed: {} user(s)", watch.file(), hashes.size());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Users file {} changed but cannot be read ({}); keeping the {} user(s) read before",
                        watch.file(), e.getMessage(), hashes.size());
            }
        }
        return hashes;
    }

    /** name -> bcrypt hash; IllegalArgumentException naming the line for a line that is not name:hash. */
    static Map<String, String> parse(Path file, List<String> lines) {
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not NAME:HASH");
            }
            String name = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!Bcrypt.isHash(hash)) {
                log.warn("Users file {} line {}: user {} has no bcrypt hash (make it with htpasswd -B or livecam users add); skipped",
                        file, i + 1, name);
                continue;
            }
            users.put(name, hash);
        }
        return Map.copyOf(users);
    }
}
