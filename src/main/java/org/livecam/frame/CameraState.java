package org.livecam.frame;

import java.util.Locale;

/** What a camera's picture is worth now, as {@code /api/cameras} and the page say it. */
public enum CameraState {
    /** No frame yet. */
    WAITING,
    /** Frames keep coming at about the camera's usual pace. */
    LIVE,
    /** The latest frame is old: the camera stopped sending, or it was kept from an earlier run. */
    STALE,
    /** Its source failed and is being restarted; viewers keep the last frame. */
    OFFLINE;

    /** The lower-case name the API and the page use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
