package org.livecam.http;

import org.livecam.config.ConfigFile;

/**
 * The pulled cameras as the API may change them: {@code PUT} and {@code DELETE /api/cameras/{id}}.
 * Both may wait for a source's process to stop: call them off the event loops. A change that is
 * not allowed throws {@link Refusal} with the status and the message the client gets.
 */
public interface CameraAdmin {
    /** Creates or replaces a camera added at run time, and keeps it; true when it was created. */
    boolean put(ConfigFile.CameraEntry camera);

    /** Stops and forgets a camera added at run time; its viewers see it end. */
    void remove(String id);

    /** Why a change was refused, as an HTTP status and a message a person can act on. */
    final class Refusal extends RuntimeException {
        private final int status;

        public Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
