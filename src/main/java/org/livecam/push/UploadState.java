package org.livecam.push;

/**
 * Where an uploader stands with its server. It starts in {@link #STARTING}; every answer or
 * failure moves it (see {@link UploadStateMachine}), and each change, not each attempt, is one
 * log line. The stats line shows it: {@code starting}, {@code connected}, {@code retrying},
 * {@code UNAUTHORIZED}.
 */
public enum UploadState {
    /** Started, nothing sent yet. */
    STARTING,
    /** The last frame was accepted. */
    CONNECTED,
    /** The server or the network is away (the last error says why); retrying with backoff. */
    RETRYING,
    /** The server refused the token (401/403, WebSocket 1008): a configuration error; retrying slowly. */
    UNAUTHORIZED
}
