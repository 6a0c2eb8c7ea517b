/**
 * Where frames come from. Sources yield JPEG bytes on their own threads into a
 * {@link org.livecam.source.FrameSink}; {@link org.livecam.source.CameraFeed} validates them and
 * publishes them to a camera.
 */
package org.livecam.source;
