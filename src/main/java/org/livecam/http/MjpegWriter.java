package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Frame;

/**
 * Frames onto an MJPEG response: the head of an endless multipart body, then each frame as one
 * part ({@link MjpegParts}), built once per frame and written in one write. When to write is
 * the {@link FramePump}'s business. Event loop only.
 */
final class MjpegWriter implements FramePump.Transport {
    private final HttpServerResponse response;

    private MjpegWriter(HttpServerResponse response) {
        this.response = response;
    }

    /** Writes the response head and the opening boundary. */
    static MjpegWriter begin(HttpServerResponse response) {
        head(response).setChunked(true);
        response.write(MjpegParts.OPENING);
        return new MjpegWriter(response);
    }

    /** Puts the stream's headers on {@code response}, all a HEAD request gets. */
    static HttpServerResponse head(HttpServerResponse response) {
        return response.putHeader("Content-Type", MjpegParts.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
                .putHeader("Pragma", "no-cache")
                .putHeader("X-Accel-Buffering", "no") // nginx in front must not buffer an endless body
                .putHeader("Access-Control-Allow-Origin", "*");
    }

    @Override
    public void write(Frame frame) {
        response.write(MjpegParts.part(frame));
    }
}
