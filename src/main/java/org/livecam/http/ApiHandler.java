package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.livecam.frame.Camera;
import org.livecam.frame.CameraStats;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.variant.VariantStats;
import org.livecam.variant.Variants;

/**
 * {@code GET /api/cameras} and {@code GET /api/cameras/{id}}: the figures the pages show, as JSON.
 * A camera is {@code stale} once silent past a few of its usual intervals, at most {@code staleAfter}.
 */
final class ApiHandler {
    private final Cameras cameras;
    private final Variants variants;
    private final Duration staleAfter;

    ApiHandler(Cameras cameras, Variants variants, Duration staleAfter) {
        this.cameras = cameras;
        this.variants = variants;
        this.staleAfter = staleAfter;
    }

    void list(HttpServerResponse response) {
        list(response, id -> true);
    }

    /** The cameras {@code visible} lets through; the others are left out as if they did not exist. */
    void list(HttpServerResponse response, java.util.function.Predicate<String> visible) {
        JsonArray list = new JsonArray();
        for (Camera camera : cameras.all()) {
            if (!visible.test(camera.id())) {
                continue;
            }
            list.add(withNode(withVariants(toJson(camera.stats(staleAfter)), variants.stats(camera.id())), camera));
        }
        response.putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("cameras", list).encode());
    }

    /** One camera's entry of {@link #list}, alone: what its page polls. A 404 JSON error for an unknown camera. */
    void one(HttpServerResponse response, String id) {
        cameras.get(id).ifPresentOrElse(
                camera -> response.putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Cache-Control", "no-store")
                        .end(withNode(withVariants(toJson(camera.stats(staleAfter)), variants.stats(camera.id())), camera).encode()),
                () -> Errors.send(response, 404, "no camera named " + id));
    }

    /**
     * Adds {@code "variants": [{"width":640,"height":360,"encoded":N,"viewers":M}]}. The people
     * behind a variant are already in the camera's own "viewers" (its audience).
     */
    static JsonObject withVariants(JsonObject json, java.util.List<VariantStats> list) {
        JsonArray array = new JsonArray();
        for (VariantStats variant : list) {
            JsonObject item = new JsonObject()
                    .put("requested", variant.requested().toString())
                    .put("encoded", variant.encoded())
                    .put("viewers", variant.viewers());
            if (variant.pixels() != null) {
                item.put("width", variant.pixels().width()).put("height", variant.pixels().height());
            }
            array.add(item);
        }
        return json.put("variants", array);
    }

    /** Adds {@code "node"}, the node the camera's frames come from, when several nodes share cameras. */
    private static JsonObject withNode(JsonObject json, Camera camera) {
        return camera.origin() == null ? json : json.put("node", camera.origin());
    }

    static JsonObject toJson(CameraStats stats) {
        Frame frame = stats.latest();
        String base = "/cameras/" + stats.id();
        JsonObject json = new JsonObject()
                .put("id", stats.id())
                .put("state", stats.state().label())
                .put("viewers", stats.audience())
                .put("fps_in", round(stats.fpsIn()))
                .put("fps_out", round(stats.fpsOut()))
                .put("frames_published", stats.framesPublished())
                .put("frames_sent", stats.framesSent())
                .put("frames_identical", stats.framesIdentical())
                .put("snapshot_url", base + "/snapshot.jpg")
                .put("stream_url", base + "/stream.mjpg")
                .put("page_url", base);
        if (frame != null) {
            json.put("sequence", frame.sequence())
                    .put("width", frame.width())
                    .put("height", frame.height())
                    .put("frame_bytes", frame.size())
                    .put("frame_age_ms", stats.frameAgeMillis())
                    .put("frame_time", frame.receivedAt().toString());
        }
        if (stats.source() != null) {
            json.put("source", stats.source());
        }
        if (stats.offlineReason() != null) {
            json.put("offline_reason", stats.offlineReason());
        }
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
