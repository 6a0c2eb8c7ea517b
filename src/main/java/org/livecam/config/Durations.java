package org.livecam.config;

import java.time.Duration;

/** Reads durations as people write them: 500ms, 30s, 10m, 1h, 1d (a bare number is seconds). */
public final class Durations {
    private Durations() {
    }

    /** Throws IllegalArgumentException naming the accepted forms. */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return check(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())), value);
            }
            long amount = Long.parseLong(v.replaceAll("[smhd]$", "").trim());
            return check(switch (v.charAt(v.length() - 1)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            }, value);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 500ms, 30s, 10m or 1h (a bare number is seconds)");
        }
    }

    private static Duration check(Duration d, String value) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + value + "' is negative");
        }
        return d;
    }
}
