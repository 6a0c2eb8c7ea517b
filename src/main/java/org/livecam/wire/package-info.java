/**
 * The client side of the wire protocols livecam speaks, read by hand: an HTTP/1.1 response head,
 * chunked transfer coding, {@code multipart/x-mixed-replace} parts and RFC 6455 frames. Each
 * parser is fed byte chunks as they arrive, in any split, and hands out slices of the caller's
 * buffer rather than copies, so {@code bench} can follow hundreds of streams from one thread;
 * {@link org.livecam.wire.InputFeed} feeds the same parsers from a blocking stream for tests and
 * the bench publisher. Imports no other livecam package.
 */
package org.livecam.wire;
