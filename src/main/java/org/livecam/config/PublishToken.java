package org.livecam.config;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;

/** The bearer token that publishes frames: the one given, or a random one so ingest is never open. */
public final class PublishToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublishToken() {
    }

    /** True when no token was given (null or blank), so {@link #orRandom} makes one up. */
    public static boolean isMissing(String given) {
        return given == null || given.isBlank();
    }

    public static String orRandom(String given) {
        if (!isMissing(given)) {
            return given;
        }
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Shows a made-up token once, with a curl line that uses it. Written to the console, never
     * through the logger, so it stays out of log files.
     */
    public static void announce(String token, int port, PrintStream console) {
        console.println("No --token given. This run's publish token: " + token);
        console.println("  curl -H 'Authorization: Bearer " + token + "' --data-binary @photo.jpg http://localhost:" + port + "/cameras/mycam/frame");
    }
}
