/**
 * Recording and look-back. Frames flow in from the recorded cameras (a {@link org.livecam.record.Recorder}
 * watches each as a viewer that never slows publishing) and are appended, as they came, to
 * segment files under {@code DATA/record/ID/} with a fixed-size index beside each; out flow
 * whole recorded frames by time ({@link org.livecam.record.Archive#frameAt}), in time order
 * ({@link org.livecam.record.ReplayCursor}), as a summary, and as an H.264 timelapse made by
 * ffmpeg ({@link org.livecam.record.Timelapse}). Retention and the disk's free space decide what
 * is deleted. Imports {@code frame} and {@code config}; knows nothing of HTTP.
 */
package org.livecam.record;
