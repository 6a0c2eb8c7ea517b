/**
 * {@code livecam bench}, the project's own load tool. A {@link org.livecam.bench.FramePublisher}
 * pushes pre-encoded JPEGs, each stamped with its send time in a JPEG comment, to a running
 * server; {@link org.livecam.bench.ViewerLoop}s watch the camera over many non-blocking
 * connections and read the stamps back, so latency and freshness are measured on one clock.
 * The protocols are read by {@code org.livecam.wire}, the same parsers the tests use. Nothing
 * here is used by the server.
 */
package org.livecam.bench;
