/**
 * What an operator's Prometheus scrapes from {@code GET /metrics}: Micrometer's registry in the
 * Prometheus text format. In flow the figures the rest keeps at the cost of an adder each (a
 * {@code frame.Camera}'s counts and {@code CameraCounters}, {@code variant.VariantStats}, {@code
 * store.LatestFrameWriter}'s writes), read only when scraped; the one thing recorded as it
 * happens is each written frame's publish-to-write latency, into a per-camera histogram. Out
 * flow per-camera series (label {@code camera}), the JVM's and the process's, and the HTTP
 * server's connections (Vert.x's own metrics, bound to the same registry). Imports {@code frame},
 * {@code variant} and {@code store}; {@code http} serves it.
 */
package org.livecam.metrics;
