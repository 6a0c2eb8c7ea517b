package org.livecam.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** An instant in an archive URL: epoch milliseconds, or ISO-8601 (with an offset or Z; without one, UTC). */
final class ArchiveTime {
    private ArchiveTime() {
    }

    /** The instant, {@code fallback} when the parameter is absent; IllegalArgumentException with the accepted forms. */
    static Instant parse(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + "= is needed: a time as ISO-8601 (2026-11-30T06:00:00Z) or epoch milliseconds");
            }
            return fallback;
        }
        String v = value.trim();
        try {
            if (v.matches("-?\\d{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a time: use ISO-8601 (2026-11-30T06:00:00Z) or epoch milliseconds");
        }
    }
}
