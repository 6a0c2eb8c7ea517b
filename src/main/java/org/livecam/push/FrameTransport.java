package org.livecam.push;

import java.net.URI;

/**
 * One way of getting a frame to the server: sends it and says how the server took it, in the
 * terms the {@link Uploader} acts on. The uploader owns the slot, the backoff, the stats and
 * the log lines; a transport only knows its protocol.
 *
 * <p>Threads: {@link #send} is called by the uploader's one sender thread, one frame at a time,
 * and blocks until that frame is answered or has failed (at most about the configured timeout).
 * {@link #close} is called once, after the sender thread has ended.
 */
interface FrameTransport {
    /** Where frames go, for log lines and error messages. */
    URI target();

    /** Sends one JPEG and waits for the server's answer. */
    Outcome send(byte[] jpeg) throws InterruptedException;

    /** Closes the connection, if one is open; sending after this is not allowed. */
    void close();

    /** How one frame fared. {@code error} says what went wrong in words for the log; null when sent. */
    record Outcome(Kind kind, String error) {
        enum Kind {
            /** The server published the frame. */
            SENT,
            /** The server refused this frame on its own merits (too large, not a JPEG): skip it, go on. */
            REFUSED,
            /** The server refused the token: a configuration error. */
            UNAUTHORIZED,
            /** The frame never reached a connection (refused connect, connect timeout): it is not to blame. */
            UNREACHABLE,
            /** The connection failed or the server failed after the frame went out: the frame might be to blame. */
            LOST
        }

        static Outcome sent() {
            return new Outcome(Kind.SENT, null);
        }

        static Outcome refused(String error) {
            return new Outcome(Kind.REFUSED, error);
        }

        static Outcome unauthorized(String error) {
            return new Outcome(Kind.UNAUTHORIZED, error);
        }

        static Outcome unreachable(String error) {
            return new Outcome(Kind.UNREACHABLE, error);
        }

        static Outcome lost(String error) {
            return new Outcome(Kind.LOST, error);
        }

        /** A connection that failed: {@link Kind#UNREACHABLE} when it failed before the frame went out, else {@link Kind#LOST}. */
        static Outcome failed(String error, boolean beforeSending) {
            return beforeSending ? unreachable(error) : lost(error);
        }
    }
}
