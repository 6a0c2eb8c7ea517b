/**
 * The outputs and the HTTP ingest. Frames come in as request bodies and leave as snapshots,
 * MJPEG streams and pages; every viewer is served on its connection's event loop.
 */
package org.livecam.http;
