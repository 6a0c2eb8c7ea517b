/**
 * The camera side: {@code livecam push}. Frames flow in from any
 * {@link org.livecam.source.FrameSource}, wait in a one-frame slot (the newest wins), are
 * optionally re-encoded smaller, and flow out through a {@link org.livecam.push.FrameTransport}:
 * HTTP POSTs to a livecam server's publish route over one keep-alive connection, or binary
 * messages on its publish WebSocket; with backoff while the server is away, either way.
 */
package org.livecam.push;
