package org.livecam.http;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How long a connection may stay silent and how many the server serves at once; enforced by
 * {@link ConnectionGuard}. Nothing here limits a connection that is streaming or waiting for an
 * answer: only one between requests.
 *
 * @param headerTimeout    the longest a new connection may take to send its first request's headers
 *                         (a TLS handshake gets as long)
 * @param keepAliveTimeout the longest a connection may sit idle between requests
 * @param maxConnections   connections served at once; one more is answered 503 and closed
 */
public record ConnectionLimits(Duration headerTimeout, Duration keepAliveTimeout, int maxConnections) {
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);
    /** File descriptors kept back from viewers: the database, pulled sources' pipes, log files. */
    static final int RESERVED_FILES = 256;

    public ConnectionLimits {
        if (headerTimeout == null || headerTimeout.isNegative() || headerTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the header timeout must be at least 1 ms: " + headerTimeout);
        }
        if (keepAliveTimeout == null || keepAliveTimeout.isNegative() || keepAliveTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the keep-alive timeout must be at least 1 ms: " + keepAliveTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1: " + maxConnections);
        }
    }

    /** 10 s for headers, 60 s idle, and as many connections as the open-file limit leaves room for. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_KEEP_ALIVE_TIMEOUT, defaultMaxConnections());
    }

    /**
     * The process's open-file limit less {@value #RESERVED_FILES} (at least 64): past it, accept()
     * fails and the server can open nothing else, not even its database. 10,000 when the JVM
     * cannot say.
     */
    public static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            return (int) Math.max(64, Math.min(Integer.MAX_VALUE, limit - RESERVED_FILES));
        }
        return 10_000;
    }

    public ConnectionLimits withHeaderTimeout(Duration newHeaderTimeout) {
        return new ConnectionLimits(newHeaderTimeout, keepAliveTimeout, maxConnections);
    }

    public ConnectionLimits withKeepAliveTimeout(Duration newKeepAliveTimeout) {
        return new ConnectionLimits(headerTimeout, newKeepAliveTimeout, maxConnections);
    }

    public ConnectionLimits withMaxConnections(int newMaxConnections) {
        return new ConnectionLimits(headerTimeout, keepAliveTimeout, newMaxConnections);
    }
}
