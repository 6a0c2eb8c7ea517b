package org.livecam.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Session cookies for browsers: the user's name, an expiry and a digest of the user's password
 * hash, signed with the session key. No server state: a session survives a restart, and ends
 * when it expires, when the user leaves the users file or changes password, or when the key
 * changes.
 */
final class Sessions {
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final String KIND = "session";

    private final SigningKey key;
    private final UserFile users;
    private final Clock clock;

    Sessions(SigningKey key, UserFile users, Clock clock) {
        this.key = key;
        this.users = users;
        this.clock = clock;
    }

    String issue(String user) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        return SignedToken.sign(key, String.join("\n", KIND, user, Long.toString(expires), users.fingerprint(user)));
    }

    /** The user a cookie value signs in, if it is valid now. */
    Optional<String> userOf(String token) {
        return SignedToken.open(key, token).flatMap(payload -> {
            String[] parts = payload.split("\n", -1);
            if (parts.length != 4 || !parts[0].equals(KIND) || Tokens.expired(parts[2], clock)) {
                return Optional.empty();
            }
            String fingerprint = users.fingerprint(parts[1]);
            return fingerprint != null && fingerprint.equals(parts[3]) ? Optional.of(parts[1]) : Optional.empty();
        });
    }
}
