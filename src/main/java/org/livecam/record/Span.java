package org.livecam.record;

/** A stretch of time with recordings, from the first frame to the last, in epoch milliseconds. */
public record Span(long from, long to) {
}
