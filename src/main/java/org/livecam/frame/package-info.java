/**
 * The middle of the flow. Validated JPEG bytes come in through {@link org.livecam.frame.Camera#publish};
 * immutable {@link org.livecam.frame.Frame}s go out to {@link org.livecam.frame.Viewer}s, newest
 * first and never queued. Imports no other livecam package.
 */
package org.livecam.frame;
