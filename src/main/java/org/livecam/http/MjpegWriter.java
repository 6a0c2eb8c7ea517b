package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import org.livecam.frame.Frame;

/**
 * Frames onto an MJPEG response: the head of an endless multipart body, then each frame as one
 * part ({@link MjpegParts}), built once per frame and written in one write. On HTTP/1 (every
 * browser's MJPEG) the part goes out as one pre-framed chunk under Vert.x's encoder
 * ({@link NettyBridge.ChannelLink#writeChunk}): one contiguous buffer, one write, one flush, no
 * promise; on HTTP/2 through the response. When to write is the {@link FramePump}'s business.
 * Event loop only.
 */
final class MjpegWriter implements FramePump.Transport {
    private final HttpServerResponse response;
    private final NettyBridge.ChannelLink chunks; // null: write through the response (HTTP/2)

    private MjpegWriter(HttpServerResponse response, NettyBridge.ChannelLink chunks) {
        this.response = response;
        this.chunks = chunks;
    }

    /** Writes the response head and the opening boundary; {@code channel} is the request's. */
    static MjpegWriter begin(HttpServerRequest request, NettyBridge.ChannelLink channel) {
        HttpServerResponse response = request.response();
        head(response).setChunked(true);
        response.write(MjpegParts.OPENING);
        boolean http1 = request.version() != HttpVersion.HTTP_2 && channel.writesHttp1();
        return new MjpegWriter(response, http1 ? channel : null);
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
        if (chunks != null) {
            chunks.writeChunk(MjpegParts.chunk(frame));
        } else {
            response.write(MjpegParts.part(frame));
        }
    }
}
