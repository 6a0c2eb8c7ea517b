package org.livecam.store;

/** Storage failed; frames keep flowing, only persistence is lost. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
