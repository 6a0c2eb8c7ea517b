/**
 * The camera side: {@code livecam push}. Frames flow in from any
 * {@link org.livecam.source.FrameSource}, wait in a one-frame slot (the newest wins), are
 * optionally re-encoded smaller, and flow out through a {@link org.livecam.push.FrameTransport}:
 * HTTP POSTs to a livecam server's publish route over one keep-alive connection, or binary
 * messages on its publish WebSocket ({@link org.livecam.publish.PublishProtocol}). What happens
 * after each answer is split in two: {@link org.livecam.push.RetryPolicy} decides the wait and
 * whether the frame goes again, {@link org.livecam.push.UploadStateMachine} moves the
 * {@link org.livecam.push.UploadState} and logs each change once.
 */
package org.livecam.push;
