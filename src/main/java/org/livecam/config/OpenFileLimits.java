package org.livecam.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process's open-file limits, read from {@code /proc/self/limits} (Linux): every viewer is a
 * socket, so the soft limit caps how many a process can hold. The JVM raises its soft limit to
 * the hard one at start ({@code -XX:+MaxFDLimit}, on by default), so the soft figure read here is
 * usually the hard one, and only {@code ulimit -Hn} or systemd's {@code LimitNOFILE} raise it.
 */
public record OpenFileLimits(long soft, long hard) {
    /** What the JVM, the data folder and the pulled sources use besides sockets, about. */
    public static final int RESERVED = 100;

    /** This process's limits, or empty where {@code /proc/self/limits} is missing or unreadable. */
    public static Optional<OpenFileLimits> read() {
        try {
            return parse(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The "Max open files" line of a {@code /proc/PID/limits} text; "unlimited" is Long.MAX_VALUE. */
    static Optional<OpenFileLimits> parse(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                if (fields.length >= 2) {
                    return Optional.of(new OpenFileLimits(value(fields[0]), value(fields[1])));
                }
            }
        }
        return Optional.empty();
    }

    /** Connections the soft limit leaves room for, after {@link #RESERVED} other files. */
    public long connections() {
        return Math.max(0, soft - RESERVED);
    }

    private static long value(String field) {
        return field.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(field);
    }
}
