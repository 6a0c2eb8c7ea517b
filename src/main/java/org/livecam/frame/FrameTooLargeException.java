package org.livecam.frame;

/**
 * A JPEG whose header claims more pixels than the server takes ({@link PixelLimit}): refused at
 * the edge, before anything decodes it. The message names the size and the limit.
 */
public final class FrameTooLargeException extends InvalidJpegException {
    public FrameTooLargeException(String message) {
        super(message);
    }
}
