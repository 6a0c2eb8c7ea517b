package org.livecam.variant;

import org.livecam.frame.Jpeg;

/**
 * The figures of one variant for /api/cameras.
 *
 * @param requested the snapped size asked for
 * @param pixels    the size of its frames now, or null before the camera has a frame
 * @param encoded   how many frames were resized to it since the server started
 * @param viewers   how many viewers watch it now
 * @param encodeNanos the time spent resizing those frames (decode, scale, encode), in nanoseconds
 */
public record VariantStats(VariantSize requested, Jpeg.Size pixels, long encoded, int viewers, long encodeNanos) {
}
