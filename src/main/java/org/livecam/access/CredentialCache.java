package org.livecam.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Basic credentials that bcrypt accepted lately, so a client that sends them on every request
 * (a snapshot poller, ffmpeg reconnecting) costs one bcrypt a few minutes, not one per request.
 * Keyed by an HMAC of name and password under a key that lives only in this process's memory;
 * an entry holds for {@link #LIFETIME_NANOS} and only while the user's hash is the one it was
 * checked against (a changed password or a removed user ends it). Thread-safe.
 */
final class CredentialCache {
    static final long LIFETIME_NANOS = 5L * 60 * 1_000_000_000L;
    private static final int MAX_ENTRIES = 4096;

    private record Entry(String hash, long verifiedAt) {
    }

    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    CredentialCache() {
        new SecureRandom().nextBytes(key);
    }

    synchronized boolean knows(String user, String password, String currentHash) {
        Entry entry = entries.get(id(user, password));
        return entry != null && currentHash != null && entry.hash.equals(currentHash)
                && System.nanoTime() - entry.verifiedAt < LIFETIME_NANOS;
    }

    synchronized void remember(String user, String password, String hash) {
        entries.put(id(user, password), new Entry(hash, System.nanoTime()));
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
