package org.livecam.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Share links: a token that opens one camera until it expires (at most {@link #LONGEST}),
 * signed with the share key, which {@code livecam share --revoke-all} replaces. A token names
 * its camera and is checked against the camera asked for; it never signs anyone in, so it can
 * neither publish nor open another camera.
 */
public final class ShareLinks {
    public static final Duration LONGEST = Duration.ofDays(7);
    public static final String KEY_FILE = "share-key";
    private static final String KIND = "share";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A share: its token, the camera it opens and until when. */
    public record Share(String token, String camera, Instant expires) {
        @Override
        public String toString() {
            return "Share[camera=" + camera + ", expires=" + expires + "]"; // never the token
        }
    }

    private final SigningKey key;
    private final Clock clock;

    ShareLinks(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** A new share of {@code camera} for {@code lifetime}; IllegalArgumentException past a week or at zero. */
    Share issue(String camera, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a share lasts more than 0s and at most 7d, not " + lifetime);
        }
        Instant expires = clock.instant().plus(lifetime);
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        String payload = String.join("\n", KIND, camera, Long.toString(expires.getEpochSecond()), HexFormat.of().formatHex(nonce));
        return new Share(SignedToken.sign(key, payload), camera, Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    /**
     * Why {@code share}, valid when it let a stream in, no longer opens its camera: "share link
     * expired", or "share link revoked" once the key that signs shares was replaced by one that does not sign it
     * ({@code --revoke-all}); null while it still does. Asked about once a second for as long as
     * the stream plays, so it costs a clock read; the signature is checked first and again after a
     * key change. One thread at a time.
     */
    Supplier<String> end(Share share) {
        return new Supplier<>() {
            private long checkedAfter = -1; // key replacements at the last signature check; none yet
            private boolean signed;

            @Override
            public String get() {
                if (!clock.instant().isBefore(share.expires())) {
                    return "share link expired";
                }
                long replacements = key.replacements();
                if (replacements != checkedAfter) {
                    checkedAfter = replacements;
                    signed = open(share.token()).isPresent();
                }
                return signed ? null : "share link revoked";
            }
        };
    }

    /** The share a token stands for, if it is valid now. */
    Optional<Share> open(String token) {
        return SignedToken.open(key, token).flatMap(payload -> {
            String[] parts = payload.split("\n", -1);
            if (parts.length != 4 || !parts[0].equals(KIND) || Tokens.expired(parts[2], clock)) {
                return Optional.empty();
            }
            return Optional.of(new Share(token, parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        });
    }
}
