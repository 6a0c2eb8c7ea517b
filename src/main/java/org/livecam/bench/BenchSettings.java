package org.livecam.bench;

import java.net.URI;
import java.time.Duration;

/**
 * One bench run, as the command line gave it. {@code variantWidth} is a number of pixels or
 * {@code auto}; {@code stallViewers} read nothing for {@code stallFor} from the start of the
 * measured window, then read at full speed; with {@code sameFrame} the publisher sends one
 * byte-identical frame again and again.
 */
record BenchSettings(
        URI server,
        String token,
        String camera,
        Protocol protocol,
        String variantWidth,
        Integer variantHeight,
        int viewers,
        double fps,
        int publishWindow,
        int width,
        int height,
        int ringFrames,
        float quality,
        Duration duration,
        Duration warmup,
        Duration progressEvery,
        int slowViewers,
        long slowBytesPerSecond,
        int slowReceiveBufferBytes,
        int viewerThreads,
        Long serverPid,
        int stallViewers,
        Duration stallFor,
        boolean sameFrame) {

    /** True when viewers ask for a resized variant rather than the published frames. */
    boolean variant() {
        return variantWidth != null || variantHeight != null;
    }

    /** The query viewers add to their path: empty, or {@code ?width=W}, {@code ?height=H}, or both. */
    String variantQuery() {
        StringBuilder query = new StringBuilder();
        if (variantWidth != null) {
            query.append("width=").append(variantWidth);
        }
        if (variantHeight != null) {
            query.append(query.isEmpty() ? "" : "&").append("height=").append(variantHeight);
        }
        return query.isEmpty() ? "" : "?" + query;
    }

    /** How viewers watch: the MJPEG stream, or the WebSocket route that sends one binary message per frame. */
    enum Protocol {
        MJPEG,
        WS;

        /** {@code query} is empty or starts with '?'; {@code readSizes}: say each frame's size (MJPEG only). */
        StreamDecoder decoder(String host, String camera, String query, ViewerStats stats, boolean readSizes) {
            return switch (this) {
                case MJPEG -> new MjpegLoadViewer(host, "/cameras/" + camera + "/stream.mjpg" + query, stats, readSizes);
                case WS -> new WebSocketLoadViewer(host, "/cameras/" + camera + "/ws" + query, stats);
            };
        }
    }
}
