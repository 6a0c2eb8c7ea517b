package org.livecam.frame;

/**
 * What users see of a camera at one moment: the figures of the page and of /api/cameras.
 * {@code audience} counts people, whether they watch the camera as it is or resized; {@code
 * state} is {@link Camera#state} at {@code atMillis}. {@code framesPublished} counts every frame
 * received, {@code framesIdentical} those of them equal to the frame before (not sent again);
 * {@code lastArrivalMillis} is when the latest frame or an identical copy of it last came.
 */
public record CameraStats(
        String id,
        CameraState state,
        Frame latest,
        long atMillis,
        double fpsIn,
        double fpsOut,
        int audience,
        long framesPublished,
        long framesSent,
        String offlineReason,
        String source,
        long framesIdentical,
        long lastArrivalMillis) {

    /** Milliseconds since the latest frame (or an identical copy) arrived, or -1 before the first frame. */
    public long frameAgeMillis() {
        return latest == null ? -1 : Math.max(0, atMillis - lastArrivalMillis);
    }
}
