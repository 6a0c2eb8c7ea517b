package org.livecam.http;

import java.util.Locale;

/**
 * How the server's sockets are driven. {@code auto} takes Netty's native epoll where it loads
 * (Linux on x86_64 or aarch_64), which lets each viewer socket bound its unsent bytes
 * ({@code TCP_NOTSENT_LOWAT}), and falls back to Java NIO with a warning; {@code nio} always
 * takes NIO (for comparison, or where the native library misbehaves).
 */
public enum NetworkTransport {
    AUTO, NIO;

    /** {@code auto} or {@code nio}, in any case; anything else is an IllegalArgumentException that says what is allowed. */
    public static NetworkTransport parse(String name) {
        for (NetworkTransport transport : values()) {
            if (transport.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return transport;
            }
        }
        throw new IllegalArgumentException("transport '" + name + "': use auto (native epoll where it loads) or nio");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
