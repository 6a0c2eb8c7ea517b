package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Frame;

/**
 * One MJPEG connection: each frame goes out as one multipart part. Latest frame wins through
 * {@link FramePump}, so at most one frame is in flight and a stalled viewer costs one frame
 * of memory. Event loop only.
 */
final class MjpegViewer implements FramePump.Output {
    private final HttpServerResponse response;

    MjpegViewer(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void write(FramePump.Lane lane, Frame frame) {
        response.write(MjpegParts.header(frame));
        response.write(frame.buffer());
        response.write(MjpegParts.CLOSING);
    }
}
