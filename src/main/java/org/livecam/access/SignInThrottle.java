package org.livecam.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guessing passwords: more than {@link #LIMIT} failed sign-ins from one address within a
 * minute (counted from its first failure) and that address may not try again until the minute
 * is over. Logged once per address and minute. Thread-safe.
 */
final class SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private static final class Window {
        final Instant start;
        int failures;
        boolean logged;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may try again; 0 when it may now. */
    synchronized long retryAfterSeconds(String address) {
        Window window = current(address, clock.instant());
        if (window == null || window.failures <= LIMIT) {
            return 0;
        }
        Duration left = Duration.between(clock.instant(), window.start.plus(WINDOW));
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }

    /** Counts a failure; returns {@link #retryAfterSeconds} after it. */
    synchronized long failed(String address) {
        Instant now = clock.instant();
        Window window = current(address, now);
        if (window == null) {
            if (windows.size() >= MAX_ADDRESSES) {
                windows.values().removeIf(w -> !now.isBefore(w.start.plus(WINDOW)));
            }
            window = new Window(now);
            windows.put(address, window);
        }
        window.failures++;
        long wait = retryAfterSeconds(address);
        if (wait > 0 && !window.logged) {
            window.logged = true;
            log.warn("More than {} failed sign-ins from {} within a minute: refusing its sign-ins for {}s", LIMIT, address, wait);
        }
        return wait;
    }

    private Window current(String address, Instant now) {
        Window window = windows.get(address);
        if (window != null && !now.isBefore(window.start.plus(WINDOW))) {
            windows.remove(address);
            return null;
        }
        return window;
    }
}
