package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.livecam.frame.Frame;

/**
 * What a snapshot says about its frame beside the JPEG, and the conditional request it answers.
 *
 * <p>Headers: a strong {@code ETag} per frame (and size), {@code Last-Modified},
 * {@code X-Frame-Sequence}, {@code X-Frame-Timestamp} (epoch milliseconds),
 * {@code X-Frame-Age} (seconds since the frame arrived, with millisecond decimals, like HTTP's
 * own {@code Age} but finer) and {@code X-Frame-Stale} ({@code true} when the frame is not live:
 * restored from an earlier run, or its camera stopped sending).
 *
 * <p>Conditions (RFC 9110, section 13.2.2): {@code If-None-Match} decides when it is sent;
 * otherwise {@code If-Modified-Since} answers 304 for a frame not newer than its date, to the
 * second, as {@code Last-Modified} is. Stateless and thread-safe.
 */
final class SnapshotHeaders {
    private static final String EXPOSED = "ETag, Last-Modified, X-Frame-Sequence, X-Frame-Timestamp, X-Frame-Age, X-Frame-Stale, " + VariantQuery.HEADER;

    private SnapshotHeaders() {
    }

    /** Puts the frame's headers on {@code response}; {@code stale} is whether the frame is live no more. */
    static void put(HttpServerResponse response, Frame frame, String etag, Instant now, boolean stale) {
        response.putHeader("ETag", etag)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(frame.receivedAt().atOffset(ZoneOffset.UTC)))
                .putHeader("X-Frame-Sequence", Long.toString(frame.sequence()))
                .putHeader("X-Frame-Timestamp", Long.toString(frame.receivedAt().toEpochMilli()))
                .putHeader("X-Frame-Age", age(frame.receivedAt(), now))
                .putHeader("X-Frame-Stale", Boolean.toString(stale))
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Expose-Headers", EXPOSED);
    }

    /** Seconds from {@code receivedAt} to {@code now}, three decimals, never negative. */
    static String age(Instant receivedAt, Instant now) {
        long millis = Math.max(0, Duration.between(receivedAt, now).toMillis());
        return String.format(java.util.Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    /** True when the client's copy is this frame: answer 304 without the body. */
    static boolean notModified(HttpServerRequest request, Frame frame, String etag) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag);
        }
        String ifModifiedSince = request.getHeader("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !frame.receivedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored, as RFC 9110 says
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
