package org.livecam.access;

import java.time.Clock;

/** What session and share tokens share: an expiry in epoch seconds. */
final class Tokens {
    private Tokens() {
    }

    static boolean expired(String epochSeconds, Clock clock) {
        try {
            return clock.instant().getEpochSecond() >= Long.parseLong(epochSeconds);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
