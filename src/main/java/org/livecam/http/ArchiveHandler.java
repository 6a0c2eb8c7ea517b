package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.record.Archive;
import org.livecam.record.ArchiveSummary;
import org.livecam.record.Archives;
import org.livecam.record.RecordedFrame;
import org.livecam.record.Span;
import org.livecam.record.Timelapse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading recordings back: {@code GET /cameras/{id}/archive} (a JSON summary),
 * {@code archive/frame.jpg?t=} (the frame at or just before T), {@code archive/play.mjpg} and
 * {@code archive/play.ws} (see {@link ArchiveReplay}) and {@code archive/timelapse.mp4?from=&to=&fps=} (an H.264 MP4 made
 * by ffmpeg, one encode per camera at a time). File reads run on Vert.x workers; answers are
 * written on the request's event loop.
 */
final class ArchiveHandler {
    private static final Logger log = LoggerFactory.getLogger(ArchiveHandler.class);
    static final String EXPOSED = "X-Frame-Time, X-Frame-Sequence";

    private final Vertx vertx;
    private final Archives archives;
    private final Cameras cameras; // a replay counts as a viewer of its camera while that camera is live
    private final ClientAddress clients;
    private final Timelapse timelapse;
    private final Path cacheDir;
    private final Set<String> encoding = ConcurrentHashMap.newKeySet();

    ArchiveHandler(Vertx vertx, Archives archives, Timelapse timelapse, Path cacheDir, Cameras cameras, ClientAddress clients) {
        this.cameras = cameras;
        this.clients = clients;
        this.vertx = vertx;
        this.archives = archives;
        this.timelapse = timelapse;
        this.cacheDir = cacheDir;
    }

    void summary(HttpServerRequest request, String cameraId) {
        archive(request, cameraId).ifPresent(archive -> {
            ArchiveSummary s = archive.summary();
            JsonArray spans = new JsonArray();
            for (Span span : s.spans()) {
                spans.add(new JsonObject().put("from", Instant.ofEpochMilli(span.from()).toString())
                        .put("to", Instant.ofEpochMilli(span.to()).toString()));
            }
            request.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("camera", s.camera())
                            .put("first", s.first() == null ? null : s.first().toString())
                            .put("last", s.last() == null ? null : s.last().toString())
                            .put("frames", s.frames()).put("bytes", s.bytes())
                            .put("every", archive.policy().every().toMillis() / 1000.0)
                            .put("keep", archive.policy().keep().toSeconds())
                            .put("spans", spans).encode());
        });
    }

    void frame(HttpServerRequest request, String cameraId) {
        Optional<Archive> found = archive(request, cameraId);
        Instant t = found.isEmpty() ? null : time(request, "t", null);
        if (t == null) {
            return;
        }
        vertx.executeBlocking(() -> found.get().frameAt(t), false).onComplete(result -> {
            HttpServerResponse response = request.response();
            if (result.failed()) {
                log.error("Reading camera {}'s archive at {}", cameraId, t, result.cause());
                Errors.send(response, 500, "cannot read the archive: " + result.cause().getMessage());
            } else if (result.result().isEmpty()) {
                Errors.send(response, 404, "camera " + cameraId + " has no recorded frame at or just before " + t);
            } else {
                RecordedFrame frame = result.result().get();
                response.putHeader("Content-Type", "image/jpeg")
                        .putHeader("Cache-Control", "max-age=60")
                        .putHeader("X-Frame-Time", frame.time().toString())
                        .putHeader("X-Frame-Sequence", Long.toString(frame.sequence()))
                        .putHeader("Access-Control-Expose-Headers", EXPOSED)
                        .end(Buffer.buffer(frame.jpeg()));
            }
        });
    }

    /** {@code play.mjpg}; a replay that only a share link let in ({@code shared}, else null) ends when the link does. */
    void play(HttpServerRequest request, String cameraId, int queueBytes, AccessDeadline shared) {
        Replay replay = replay(request, cameraId);
        if (replay != null) {
            Camera camera = cameras.get(cameraId).orElse(null);
            ArchiveReplay.mjpeg(vertx, request, output -> ReplayViewer.mjpeg(output, camera, clients.of(request)),
                    replay.archive(), replay.from(), replay.to(), replay.speed(), queueBytes, shared);
        }
    }

    /** {@code play.ws}: the same replay on a WebSocket ({@link ArchiveSocketOutput}); bad parameters get 400 before the upgrade. */
    void playSocket(HttpServerRequest request, String cameraId, AccessDeadline shared) {
        Replay replay = replay(request, cameraId);
        if (replay == null) {
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            Errors.send(request.response(), 400, "play.ws is a WebSocket (ws:// or wss://); for a replay over plain HTTP use play.mjpg");
            return;
        }
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(request.connection());
        request.toWebSocket()
                .onSuccess(socket -> ArchiveReplay.start(vertx, ReplayViewer.webSocket(new ArchiveSocketOutput(socket, channel, cameraId),
                                socket, cameras.get(cameraId).orElse(null), clients.of(socket)),
                        replay.archive(), replay.from(), replay.to(), replay.speed(), shared))
                .onFailure(e -> log.debug("WebSocket upgrade for camera {}'s replay failed: {}", cameraId, e.toString()));
    }

    /** What a replay request asks for: its archive, range and speed. */
    private record Replay(Archive archive, Instant from, Instant to, double speed) {
    }

    /** The replay {@code request} asks for, or null after answering 404 or 400. */
    private Replay replay(HttpServerRequest request, String cameraId) {
        Optional<Archive> found = archive(request, cameraId);
        Instant from = found.isEmpty() ? null : time(request, "from", Instant.EPOCH);
        Instant to = from == null ? null : time(request, "to", Instant.now().plusSeconds(1));
        if (to != null && to.isBefore(from)) {
            Errors.send(request.response(), 400, "to=" + request.getParam("to") + " is before from=" + request.getParam("from"));
            return null;
        }
        Double speed = to == null ? null : speed(request);
        return speed == null ? null : new Replay(found.get(), from, to, speed);
    }

    void timelapse(HttpServerRequest request, String cameraId) {
        Optional<Archive> found = archive(request, cameraId);
        Instant from = found.isEmpty() ? null : time(request, "from", Instant.EPOCH);
        Instant to = from == null ? null : time(request, "to", Instant.now().plusSeconds(1));
        Integer fps = to == null ? null : fps(request);
        if (fps == null) {
            return;
        }
        HttpServerResponse response = request.response();
        if (!timelapse.available()) {
            Errors.send(response, 501, "timelapse needs ffmpeg, which is not installed on the server (e.g. apt-get install ffmpeg)");
            return;
        }
        if (request.method() == HttpMethod.HEAD) { // a link checker: no encode for a body it drops
            response.putHeader("Content-Type", "video/mp4").end();
            return;
        }
        if (!encoding.add(cameraId)) {
            response.putHeader("Retry-After", "10");
            Errors.send(response, 429, "a timelapse of camera " + cameraId + " is being made already; try again when it is done");
            return;
        }
        Timelapse.Job job = new Timelapse.Job();
        response.closeHandler(v -> job.cancel()); // the viewer left: its ffmpeg goes, and the camera's slot with it
        vertx.executeBlocking(() -> {
            Files.createDirectories(cacheDir);
            Path out = Files.createTempFile(cacheDir, cameraId + "-", ".mp4");
            try (var cursor = found.get().replay(from, to)) {
                if (timelapse.encode(cursor, fps, out, job) == 0) {
                    Files.deleteIfExists(out);
                    return null;
                }
                return out;
            } catch (IOException | InterruptedException | RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
        }, false).onComplete(result -> {
            encoding.remove(cameraId);
            if (result.failed() && result.cause() instanceof CancellationException) {
                log.info("Timelapse of camera {} stopped: the viewer left ({})", cameraId, result.cause().getMessage());
            } else if (response.closed()) {
                vertx.executeBlocking(() -> result.succeeded() && result.result() != null && Files.deleteIfExists(result.result()), false);
            } else if (result.failed()) {
                log.error("Timelapse of camera {}: {}", cameraId, result.cause().getMessage());
                Errors.send(response, 500, "the timelapse failed: " + result.cause().getMessage());
            } else if (result.result() == null) {
                Errors.send(response, 404, "camera " + cameraId + " has no recorded frames from " + from + " to " + to);
            } else {
                Path file = result.result();
                response.putHeader("Content-Type", "video/mp4")
                        .putHeader("Content-Disposition", "inline; filename=\"" + cameraId + "-timelapse.mp4\"")
                        .sendFile(file.toString())
                        .onComplete(sent -> vertx.executeBlocking(() -> Files.deleteIfExists(file), false));
            }
        });
    }

    private Optional<Archive> archive(HttpServerRequest request, String cameraId) {
        Optional<Archive> archive = archives.archive(cameraId);
        if (archive.isEmpty()) {
            Errors.send(request.response(), 404, "camera " + cameraId + " has no recordings (start the server with --record " + cameraId + ")");
        }
        return archive;
    }

    /** The time parameter, or null after answering 400. */
    private static Instant time(HttpServerRequest request, String name, Instant fallback) {
        try {
            return ArchiveTime.parse(name, request.getParam(name), fallback);
        } catch (IllegalArgumentException e) {
            Errors.send(request.response(), 400, e.getMessage());
            return null;
        }
    }

    /** speed= as a factor (1 is real time) or Double.POSITIVE_INFINITY for max; null after answering 400. */
    private static Double speed(HttpServerRequest request) {
        String value = request.getParam("speed", "1");
        if (value.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double speed = Double.parseDouble(value);
            if (speed > 0 && speed <= 10_000) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        Errors.send(request.response(), 400, "speed=" + value + " must be a number above 0 (1 is real time, 60 a minute a second) or max");
        return null;
    }

    private static Integer fps(HttpServerRequest request) {
        String value = request.getParam("fps", "30");
        try {
            int fps = Integer.parseInt(value);
            if (fps >= 1 && fps <= 120) {
                return fps;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        Errors.send(request.response(), 400, "fps=" + value + " must be a whole number from 1 to 120");
        return null;
    }
}
