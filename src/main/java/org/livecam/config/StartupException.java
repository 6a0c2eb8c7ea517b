package org.livecam.config;

/**
 * The server cannot start for a reason the user can fix (the port is taken, the data folder is
 * unusable). The message is one line meant for the console, without a stack trace.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
