/**
 * Resized copies of a camera's frames. Source frames come in from a {@link org.livecam.frame.Camera}
 * while someone watches a size; resized {@link org.livecam.frame.Frame}s go out to the same
 * viewers every other output uses, made once per frame per size on a bounded worker pool.
 * Imports only {@code frame}, whose {@link org.livecam.frame.JpegCodec} decodes, scales and encodes.
 */
package org.livecam.variant;
