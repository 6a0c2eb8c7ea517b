package org.livecam.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.livecam.frame.Camera;
import org.livecam.frame.CameraState;
import org.livecam.frame.CameraStats;
import org.livecam.frame.Cameras;
import org.livecam.store.LatestFrameWriter;
import org.livecam.variant.VariantStats;
import org.livecam.variant.Variants;

/**
 * The series of every camera, labelled {@code camera}. All but one are read from the camera when
 * scraped (function counters and gauges over its adders); the publish-to-write latency is a
 * histogram that each written frame records into, lock-free. Meters are set up once per camera,
 * as soon as it exists; a variant's once it has been asked for, at the next scrape.
 */
final class CameraMeters {
    /** Where the latency buckets end: loopback viewers take about a millisecond, a slow one seconds. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5)};
    /** The transports a viewer may watch over, as {@code frame.CameraCounters} counts them. */
    static final List<String> TRANSPORTS = List.of("mjpeg", "websocket", "grid", "replay");

    private final MeterRegistry registry;
    private final Cameras cameras;
    private final LatestFrameWriter store;
    private final Duration staleAfter;
    private final Map<String, VariantFigures> variantFigures = new ConcurrentHashMap<>();
    private volatile Variants variants;

    /** The latest figures of one variant, refreshed before each scrape; what its meter reads. */
    private static final class VariantFigures {
        volatile VariantStats stats;
    }

    CameraMeters(MeterRegistry registry, Cameras cameras, LatestFrameWriter store, Duration staleAfter) {
        this.registry = registry;
        this.cameras = cameras;
        this.store = store;
        this.staleAfter = staleAfter;
        cameras.forEachCamera(this::register); // idempotent: Micrometer hands back a meter registered already
    }

    void watchVariants(Variants feeds) {
        variants = feeds;
    }

    private void register(Camera camera) {
        Tags tags = Tags.of("camera", camera.id());
        counter("livecam.frames.published", "Frames published to the camera (pushed or pulled)", camera, tags,
                c -> stats(c).framesPublished());
        counter("livecam.frames.sent", "New frames written to viewers, resized ones included; idle repeats are not", camera, tags,
                c -> stats(c).framesSent());
        counter("livecam.frames.skipped", "Frames a viewer never got: replaced by a newer one before they were written (a slow viewer or its fps cap)",
                camera, tags, c -> c.counters().framesSkipped());
        FunctionCounter.builder("livecam.sent", camera, c -> c.counters().bytesSent())
                .description("JPEG bytes of the frames written to viewers").baseUnit("bytes").tags(tags).register(registry);
        counter("livecam.source.restarts", "Times the camera's source failed and was started again", camera, tags,
                c -> c.counters().sourceRestarts());
        counter("livecam.variant.failures", "Frames that could not be decoded or resized for a variant; its viewers got the last variant made",
                camera, tags, c -> c.counters().variantFailures());
        counter("livecam.store.writes", "Latest frames saved to livecam.db", camera, tags, c -> store.writes(c.id()));
        counter("livecam.store.failures", "Saves to livecam.db that failed", camera, tags, c -> store.failures(c.id()));
        counter("livecam.frames.identical", "Frames byte-identical to the one before: counted as published, not sent, resized or stored",
                camera, tags, c -> stats(c).framesIdentical());
        for (String transport : TRANSPORTS) {
            Gauge.builder("livecam.viewers", camera, c -> c.counters().viewers(transport))
                    .description("Viewers watching now, by transport (grid: the page's one socket for many cameras; replay: an archive replay)")
                    .tags(tags.and("transport", transport)).strongReference(true).register(registry);
        }
        Gauge.builder("livecam.camera.offline", camera, c -> stats(c).state() == CameraState.OFFLINE ? 1 : 0)
                .description("1 while the camera's source has failed and is being retried").tags(tags).strongReference(true)
                .register(registry);
        Gauge.builder("livecam.frame.age", camera, this::frameAgeSeconds)
                .description("Seconds since the latest frame arrived (NaN before the first)").baseUnit("seconds").tags(tags)
                .strongReference(true).register(registry);
        Timer latency = Timer.builder("livecam.frame.write.latency")
                .description("From a frame's arrival to its write to a viewer's connection, once per frame per viewer")
                .serviceLevelObjectives(LATENCY_BUCKETS).tags(tags).register(registry);
        camera.counters().recordWriteLatency(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
    }

    private void counter(String name, String description, Camera camera, Tags tags, ToDoubleFunction<Camera> read) {
        FunctionCounter.builder(name, camera, read).description(description).tags(tags).register(registry);
    }

    private CameraStats stats(Camera camera) {
        return camera.stats(staleAfter);
    }

    private double frameAgeSeconds(Camera camera) {
        long millis = stats(camera).frameAgeMillis();
        return millis < 0 ? Double.NaN : millis / 1000.0;
    }

    /** Reads every variant's figures now and sets up the meters of variants asked for since the last scrape. */
    void beforeScrape() {
        Variants feeds = variants;
        if (feeds == null) {
            return;
        }
        for (Camera camera : cameras.all()) {
            for (VariantStats stats : feeds.stats(camera.id())) {
                String size = stats.requested().toString();
                variantFigures.computeIfAbsent(camera.id() + " " + size, key -> {
                    VariantFigures figures = new VariantFigures();
                    figures.stats = stats;
                    FunctionTimer.builder("livecam.variant.encode", figures, f -> f.stats.encoded(), f -> f.stats.encodeNanos(),
                                    TimeUnit.NANOSECONDS)
                            .description("Frames resized for a variant and the time spent resizing them (decode, scale, encode)")
                            .tags(Tags.of("camera", camera.id(), "size", size)).register(registry);
                    return figures;
                }).stats = stats;
            }
        }
    }
}
