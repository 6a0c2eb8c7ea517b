/**
 * The outputs and the HTTP ingest. Frames come in as request bodies and WebSocket messages and
 * leave as snapshots, MJPEG streams, WebSocket messages and pages; every viewer is served on its
 * connection's event loop, latest frame first ({@link org.livecam.http.FramePump}).
 */
package org.livecam.http;
