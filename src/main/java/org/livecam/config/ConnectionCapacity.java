package org.livecam.config;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start how many connections the server can hold: every viewer is a socket, so the
 * open-file limit is the ceiling, and an unraised default (1024 on many systems) caps a popular
 * camera at about a thousand viewers with "Too many open files" in the log. The JVM has already
 * raised its soft limit as far as the hard one allows; only the user can raise the hard one.
 */
public final class ConnectionCapacity {
    /** Below this the server warns: the README's "10,000 viewers" needs that many sockets. */
    static final long WANTED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ConnectionCapacity.class);

    private ConnectionCapacity() {
    }

    /** Logs this process's figure: one INFO line, or a WARN with what to set when it is low. */
    public static void log() {
        String message = message(OpenFileLimits.read());
        if (message.startsWith("Open-file limit") && !message.contains("raise it")) {
            log.info(message);
        } else {
            log.warn(message);
        }
    }

    static String message(Optional<OpenFileLimits> limits) {
        if (limits.isEmpty()) {
            return "Open-file limit unknown (no /proc/self/limits): each viewer needs one; raise it with ulimit -n before a big audience";
        }
        OpenFileLimits l = limits.get();
        String figure = "Open-file limit " + (l.soft() == Long.MAX_VALUE ? "unlimited" : Long.toString(l.soft()))
                + ": room for about " + (l.soft() == Long.MAX_VALUE ? "any number of" : Long.toString(l.connections())) + " viewer connections";
        if (l.soft() >= WANTED) {
            return figure;
        }
        return figure + " (hard limit " + l.hard() + "); for 10,000 viewers raise it to 65536: LimitNOFILE=65536 in the "
                + "systemd unit, or ulimit -n 65536 in the shell that starts livecam (as root: ulimit -Hn 65536 first)";
    }
}
