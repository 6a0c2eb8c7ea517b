package org.livecam.frame;

import java.util.regex.Pattern;

/** Camera ids are 1 to 64 of [a-z0-9_-]: safe in URLs, file names and Redis keys alike. */
public final class CameraId {
    /** The rule in words, for the messages that refuse an id. */
    public static final String RULE = "1 to 64 of a-z, 0-9, _ and -";
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]{1,64}");

    private CameraId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    public static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("camera id must be " + RULE + ": " + id);
        }
        return id;
    }
}
