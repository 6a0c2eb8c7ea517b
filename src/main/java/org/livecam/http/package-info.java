/**
 * The outputs and the HTTP ingest. Frames come in as request bodies and WebSocket messages and
 * leave as snapshots, MJPEG streams, WebSocket messages and pages; every viewer is served on its
 * connection's event loop, latest frame first: {@link org.livecam.http.ViewerConnection} sets up
 * every streaming viewer, {@link org.livecam.http.FramePump} owns its back-pressure, and
 * {@link org.livecam.http.NettyBridge} is the one class that touches Vert.x or Netty internals.
 * {@link org.livecam.http.PlainFanout} is no part of the server: the plain fan-out that
 * benchmarks compare livecam with, here only to take its direct buffers from the bridge.
 */
package org.livecam.http;
