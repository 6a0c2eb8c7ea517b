package org.livecam.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.livecam.config.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HMAC-SHA256 key kept in a file of the data folder (readable by its owner only), so what it
 * signed survives a restart. Replacing the file ({@link #rotate}, as {@code livecam share
 * --revoke-all} does) ends everything signed with the old key: a running server reads the new
 * one within a second. Thread-safe.
 */
final class SigningKey {
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileWatch watch;
    private volatile byte[] key;
    private final AtomicLong replaced = new AtomicLong(); // keys read after the first

    private SigningKey(Path file) throws IOException {
        this.watch = new FileWatch(file);
        this.key = read(file);
    }

    /** The key in {@code dataDir/name}, made now if there is none. */
    static SigningKey open(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (!Files.exists(file)) {
                write(file);
            }
            return new SigningKey(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("cannot keep the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the key in {@code dataDir/name} with a new one, whole (a rename), readable by its owner only. */
    static void rotate(Path dataDir, String name) throws IOException {
        write(dataDir.resolve(name));
    }

    byte[] sign(String payload) {
        return mac(current(), payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code signature} is this key's for {@code payload}, compared in constant time. */
    boolean verify(String payload, byte[] signature) {
        return MessageDigest.isEqual(sign(payload), signature);
    }

    /**
     * How many times this server has read a replaced key (looking for one at most once a second):
     * when the count moves, what was checked against the old key must be checked again.
     */
    long replacements() {
        current();
        return replaced.get();
    }

    private byte[] current() {
        if (watch.changed()) {
            try {
                key = read(watch.file());
                replaced.incrementAndGet();
                log.info("Signing key {} changed: what the old key signed is no longer accepted", watch.file().getFileName());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Signing key {} changed but cannot be read ({}); keeping the old one", watch.file(), e.getMessage());
            }
        }
        return key;
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the key is shorter than 32 bytes");
        }
        return bytes;
    }

    private static void write(Path file) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
