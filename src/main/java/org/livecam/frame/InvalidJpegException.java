package org.livecam.frame;

/** A body that is not one whole baseline or progressive JPEG; the message says what is wrong. */
public class InvalidJpegException extends Exception {
    public InvalidJpegException(String message) {
        super(message);
    }
}
