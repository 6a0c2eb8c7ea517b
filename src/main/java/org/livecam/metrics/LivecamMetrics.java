package org.livecam.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.livecam.frame.Cameras;
import org.livecam.store.LatestFrameWriter;
import org.livecam.variant.Variants;

/**
 * One server's metrics: a Prometheus registry holding the JVM's and the process's figures, the
 * HTTP server's connections (through {@link #vertx}) and every camera's ({@link CameraMeters}).
 * Camera figures are read when scraped, so serving frames pays nothing for them but the adders
 * it keeps anyway. Thread-safe.
 */
public final class LivecamMetrics implements AutoCloseable {
    /** What {@link #scrape} writes: the Prometheus text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics(); // listens to the JVM's collections until closed
    private volatile CameraMeters cameras;

    public LivecamMetrics() {
        // What promtool's lint refuses: a "_count" suffix on a gauge, a unit in nanoseconds
        // (process_cpu_usage says the same in Prometheus' terms).
        registry.config()
                // No pause compensation: it would add a clock read and an interval estimate to every
                // latency record (once per frame per viewer) and run a detector thread.
                .pauseDetector(new NoPauseDetector())
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                })
                .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        List<MeterBinder> binders = List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new JvmInfoMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics(), new UptimeMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
    }

    /**
     * A Vert.x that reports its HTTP servers (connections, WebSockets, requests, bytes) here. Only
     * the HTTP server's metrics are on: the labels are method and status, never an address or a
     * path, so the series stay few whoever connects.
     */
    public Vertx vertx(VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName("livecam-" + SERVERS.incrementAndGet()) // Vert.x keeps registries by name, JVM-wide
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE));
        for (MetricsDomain domain : MetricsDomain.values()) {
            if (domain != MetricsDomain.HTTP_SERVER) {
                metrics.addDisabledMetricsCategory(domain);
            }
        }
        return Vertx.builder()
                .with(new VertxOptions(options).setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** Every camera's series, now and as cameras are added; {@code staleAfter} as the server judges staleness. */
    public void watch(Cameras all, LatestFrameWriter store, Duration staleAfter) {
        cameras = new CameraMeters(registry, all, store, staleAfter);
    }

    /** Each camera's resized variants too (made by the HTTP side), read when scraped. */
    public void watchVariants(Variants variants) {
        CameraMeters watched = cameras;
        if (watched != null) {
            watched.watchVariants(variants);
        }
    }

    /** Everything now, in the Prometheus text format ({@link #CONTENT_TYPE}). Blocking only for a moment; any thread. */
    public String scrape() {
        CameraMeters watched = cameras;
        if (watched != null) {
            watched.beforeScrape();
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
