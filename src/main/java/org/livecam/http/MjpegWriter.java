package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Frame;

/**
 * Frames onto an MJPEG response: each frame one multipart part ({@link MjpegParts}), built once
 * per frame and written in one write. When to write is the {@link FramePump}'s business.
 * Event loop only.
 */
final class MjpegWriter implements FramePump.Transport {
    private final HttpServerResponse response;

    MjpegWriter(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(Frame frame) {
        response.write(MjpegParts.part(frame));
    }
}
