package org.livecam.bench;

import java.net.URI;
import java.time.Duration;

/** One bench run, as the command line gave it. */
record BenchSettings(
        URI server,
        String token,
        String camera,
        Protocol protocol,
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
        Long serverPid) {

    /** How viewers watch: the MJPEG stream, or the WebSocket push of issue 4 (which a server may not have yet). */
    enum Protocol {
        MJPEG,
        WS;

        StreamDecoder decoder(String host, String camera, ViewerStats stats) {
            return switch (this) {
                case MJPEG -> new MjpegLoadViewer(host, "/cameras/" + camera + "/stream.mjpg", stats);
                case WS -> new WebSocketLoadViewer(host, "/cameras/" + camera + "/ws", stats);
            };
        }
    }
}
