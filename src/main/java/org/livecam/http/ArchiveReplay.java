package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.livecam.record.Archive;
import org.livecam.record.RecordedFrame;
import org.livecam.record.ReplayCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay of recorded frames in time order, onto an {@link Output}: {@code play.mjpg} (an MJPEG
 * stream framed like the live stream, {@link MjpegWriter#head}, {@link MjpegParts}' boundary, with
 * {@code X-Frame-Time} on each part) or {@code play.ws} ({@link ArchiveSocketOutput}). At
 * {@code speed} times real time, a gap where the camera was off passing as one interval; at
 * {@code max}, as fast as the viewer reads. One frame is read ahead (on a worker) only when the
 * output can take it: a slow viewer slows the replay, nothing piles up. Then the output ends.
 */
final class ArchiveReplay {
    private static final Logger log = LoggerFactory.getLogger(ArchiveReplay.class);

    /** Where a replay's frames go. Event loop; {@link #wake} is how it says it has room again. */
    interface Output {
        /** Whether a frame written now would wait in the server rather than go out. */
        boolean full();

        void write(RecordedFrame frame);

        /** The range is over: end normally. */
        void end();

        /** The archive could not be read: end with an error. */
        void fail(String why);

        /** The viewer may watch no longer ({@code why}: "share link expired", "share link revoked"): end now. */
        void refused(String why);

        /** {@code step} runs, on the event loop, whenever the output has room again; {@code closed} when the viewer leaves. */
        void onRoomAndClose(Runnable step, Runnable closed);
    }

    private final Vertx vertx;
    private final Context context;
    private final Output output;
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
    private Runnable stopCheckingShare = AccessDeadline.UNARMED;

    private ArchiveReplay(Vertx vertx, Output output, String cameraId, ReplayCursor cursor, double speed, long gapMillis) {
        this.vertx = vertx;
        this.cameraId = cameraId;
        this.context = vertx.getOrCreateContext();
        this.output = output;
        this.cursor = cursor;
        this.speed = speed;
        this.gapMillis = gapMillis;
    }

    /** {@code play.mjpg}: the head at once, then the parts, then the end of the body; {@code counted} wraps the output to count the viewer. */
    static void mjpeg(Vertx vertx, HttpServerRequest request, UnaryOperator<Output> counted, Archive archive, Instant from, Instant to,
                      double speed, int queueBytes, AccessDeadline shared) {
        HttpServerResponse response = request.response();
        MjpegWriter.head(response).putHeader("Access-Control-Expose-Headers", ArchiveHandler.EXPOSED);
        if (request.method() == io.vertx.core.http.HttpMethod.HEAD) {
            response.end();
            return;
        }
        response.setChunked(true).setWriteQueueMaxSize(queueBytes);
        response.write(MjpegParts.OPENING);
        start(vertx, counted.apply(new MjpegOutput(response)), archive, from, to, speed, shared);
    }

    /**
     * Starts replaying {@code from} to {@code to} onto {@code output}, which a replay that only a
     * share link let in ({@code shared}, else null) ends when the link does. Event loop.
     */
    static void start(Vertx vertx, Output output, Archive archive, Instant from, Instant to, double speed, AccessDeadline shared) {
        ArchiveReplay replay = new ArchiveReplay(vertx, output, archive.cameraId(), archive.replay(from, to), speed, archive.policy().gap().toMillis());
        output.onRoomAndClose(replay::step, replay::close);
        replay.stopCheckingShare = AccessDeadline.arm(shared, why -> {
            log.info("Replay of camera {}'s archive: {}, it ends after {} frames", replay.cameraId, why, replay.sent);
            replay.close();
            output.refused(why);
        });
        replay.step();
    }

    /**
     * Reads the next frame when the response has room and no frame is under way (being read, or
     * waiting on a timer for its time: a drain meanwhile must not read past it). Event loop.
     */
    private void step() {
        if (closed || reading || output.full()) {
            return; // the drain handler calls again
        }
        reading = true;
        vertx.executeBlocking(cursor::next, true).onComplete(result -> {
            if (closed) {
                return;
            }
            if (result.failed()) {
                log.error("Replay of camera {}'s archive ended after {} frames: cannot read it", cameraId, sent, result.cause());
                close();
                output.fail("cannot read the archive: " + result.cause().getMessage());
            } else if (result.result() == null) {
                log.debug("Replay of camera {}'s archive done: {} frames", cameraId, sent);
                close();
                output.end();
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
        reading = false;
        sent++;
        output.write(frame);
        step();
    }

    /** The viewer left, or the range is over: no more reads; the cursor closes on a worker. */
    private void close() {
        if (!closed) {
            closed = true;
            stopCheckingShare.run();
            vertx.executeBlocking(() -> {
                cursor.close();
                return null;
            }, true);
        }
    }

    /** {@code play.mjpg}'s parts, each with {@code X-Frame-Time} and {@code X-Frame-Sequence}; an error just ends the body. */
    private static final class MjpegOutput implements ArchiveReplay.Output {
        private final HttpServerResponse response;

        MjpegOutput(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public boolean full() {
            return response.closed() || response.writeQueueFull();
        }

        @Override
        public void write(RecordedFrame frame) {
            String header = "Content-Type: image/jpeg\r\n"
                    + "Content-Length: " + frame.jpeg().length + "\r\n"
                    + "X-Frame-Time: " + frame.time() + "\r\n"
                    + "X-Frame-Sequence: " + frame.sequence() + "\r\n"
                    + "\r\n";
            response.write(Buffer.buffer(header.getBytes(StandardCharsets.US_ASCII)).appendBytes(frame.jpeg()).appendBuffer(MjpegParts.CLOSING));
        }

        @Override
        public void end() {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }

        @Override
        public void fail(String why) {
            end(); // the head went long ago: a shorter body is all an MJPEG client can be told
        }

        @Override
        public void refused(String why) {
            end(); // as a live stream does
        }

        @Override
        public void onRoomAndClose(Runnable step, Runnable closed) {
            response.drainHandler(v -> step.run());
            response.closeHandler(v -> closed.run());
        }
    }
}
