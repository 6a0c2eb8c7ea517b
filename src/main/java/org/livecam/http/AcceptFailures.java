package org.livecam.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.livecam.config.OpenFileLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed accepts of the listening socket (out of file descriptors: EMFILE, ENFILE), said once per
 * burst. Netty retries an accept that failed every second (its acceptor pauses reading that
 * long) and left alone logs a cryptic WARN each time; {@link AcceptFailureFilter} hands those
 * here instead. The burst ends with the first connection the server gets after
 * {@link #QUIET_NANOS} without a failure, said once too: while descriptors stay short, the
 * retries still take the odd connection whenever one frees up, and each of those must not end
 * the burst (a line a second again). The descriptors are the process's, so this is too: one per
 * JVM. Thread-safe.
 */
public final class AcceptFailures {
    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);
    private static final AtomicBoolean failing = new AtomicBoolean();
    private static final AtomicLong failures = new AtomicLong();
    /** Twice Netty's pause after a failed accept: a burst has this long between its failures at most. */
    static final long QUIET_NANOS = 2_000_000_000L;
    private static volatile long lastFailureNanos;

    private AcceptFailures() {
    }

    /** An accept failed; the first of a burst is logged. Any thread. */
    static void failed(Throwable cause) {
        lastFailureNanos = System.nanoTime();
        failures.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            String limit = OpenFileLimits.read().map(l -> " (open-file limit " + l.soft() + ")").orElse("");
            log.warn("Cannot accept new connections: {}{}; they wait in the kernel's queue until descriptors are free"
                    + " (logged once until accepting works again)", cause.getMessage(), limit);
        }
    }

    /** A connection was accepted: ends a burst of failures, saying how many, once none came for a while. Cheap: every connection calls it. */
    static void accepted() {
        if (failing.get() && System.nanoTime() - lastFailureNanos > QUIET_NANOS && failing.compareAndSet(true, false)) {
            log.info("Accepting connections again, after {} failed accept(s)", failures.getAndSet(0));
        }
    }
}
