package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.livecam.record.Archive;
import org.livecam.record.RecordedFrame;
import org.livecam.record.ReplayCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cameras/{id}/archive/play.mjpg?from=&to=&speed=}: recorded frames as an MJPEG
 * stream in time order, framed like the live stream ({@link MjpegWriter#head}, {@link MjpegParts}'
 * boundary) with {@code X-Frame-Time} on each part. At {@code speed} times real time, a gap where
 * the camera was off passing as one interval; at {@code max}, as fast as the viewer reads. One
 * frame is read ahead (on a worker) only when the response can take it: a slow viewer slows the
 * replay, nothing piles up. Then the stream ends.
 */
final class ArchiveReplay {
    private static final Logger log = LoggerFactory.getLogger(ArchiveReplay.class);

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final ReplayCursor cursor;
    private final double speed;
    private final long gapMillis;
    private long startedAt;
    private long firstFrameTime = Long.MIN_VALUE;
    private long previousFrameTime;
    private boolean reading; // a frame is being read, or waits for its time: one at a time, in order
    private boolean closed;
    private long sent;
    private final String cameraId;

    private ArchiveReplay(Vertx vertx, HttpServerResponse response, String cameraId, ReplayCursor cursor, double speed, long gapMillis) {
        this.vertx = vertx;
        this.cameraId = cameraId;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.cursor = cursor;
        this.speed = speed;
        this.gapMillis = gapMillis;
    }

    static void start(Vertx vertx, HttpServerRequest request, Archive archive, Instant from, Instant to, double speed, int queueBytes) {
        HttpServerResponse response = request.response();
        MjpegWriter.head(response).putHeader("Access-Control-Expose-Headers", ArchiveHandler.EXPOSED);
        if (request.method() == io.vertx.core.http.HttpMethod.HEAD) {
            response.end();
            return;
        }
        response.setChunked(true).setWriteQueueMaxSize(queueBytes);
        response.write(MjpegParts.OPENING);
        ArchiveReplay replay = new ArchiveReplay(vertx, response, archive.cameraId(), archive.replay(from, to), speed, archive.policy().gap().toMillis());
        response.closeHandler(v -> replay.close());
        response.drainHandler(v -> replay.step());
        replay.step();
    }

    /**
     * Reads the next frame when the response has room and no frame is under way (being read, or
     * waiting on a timer for its time: a drain meanwhile must not read past it). Event loop.
     */
    private void step() {
        if (closed || reading || response.writeQueueFull()) {
            return; // the drain handler calls again
        }
        reading = true;
        vertx.executeBlocking(cursor::next, true).onComplete(result -> {
            if (closed) {
                return;
            }
            if (result.failed()) {
                log.error("Replay of camera {}'s archive ended after {} frames: cannot read it", cameraId, sent, result.cause());
                finish();
            } else if (result.result() == null) {
                log.debug("Replay of camera {}'s archive done: {} frames", cameraId, sent);
                finish();
            } else {
                schedule(result.result());
            }
        });
    }

    private void schedule(RecordedFrame frame) {
        long time = frame.time().toEpochMilli();
        long now = System.nanoTime() / 1_000_000;
        if (firstFrameTime == Long.MIN_VALUE || time - previousFrameTime > gapMillis) {
            firstFrameTime = time; // a gap plays as no time at all
            startedAt = now;
        }
        previousFrameTime = time;
        long due = Double.isInfinite(speed) ? now : startedAt + (long) ((time - firstFrameTime) / speed);
        if (due <= now) {
            write(frame);
        } else {
            vertx.setTimer(due - now, id -> context.runOnContext(v -> write(frame)));
        }
    }

    private void write(RecordedFrame frame) {
        if (closed) {
            return;
        }
        String header = "Content-Type: image/jpeg\r\n"
                + "Content-Length: " + frame.jpeg().length + "\r\n"
                + "X-Frame-Time: " + frame.time() + "\r\n"
                + "X-Frame-Sequence: " + frame.sequence() + "\r\n"
                + "\r\n";
        reading = false;
        sent++;
        response.write(Buffer.buffer(header.getBytes(StandardCharsets.US_ASCII)).appendBytes(frame.jpeg()).appendBuffer(MjpegParts.CLOSING));
        step();
    }

    private void finish() {
        close();
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            vertx.executeBlocking(() -> {
                cursor.close();
                return null;
            }, true);
        }
    }
}
