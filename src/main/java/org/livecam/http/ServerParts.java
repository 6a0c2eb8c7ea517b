package org.livecam.http;

import org.livecam.access.Gatekeeper;
import org.livecam.metrics.LivecamMetrics;
import org.livecam.record.Archives;

/**
 * What the routes serve besides the cameras, each made and owned by the server's wiring
 * ({@code LivecamServer}): who may watch, the cameras added at run time, the metrics, the recordings.
 *
 * @param admin   adds and removes pulled cameras for {@code PUT}/{@code DELETE /api/cameras/{id}}
 * @param gate    decides who may watch (everyone, unless {@code --users}/{@code --access} say otherwise)
 * @param metrics  the registry behind {@code GET /metrics}
 * @param archives the recordings read back under {@code /cameras/{id}/archive} ({@link Archives#NONE}: none)
 */
public record ServerParts(CameraAdmin admin, Gatekeeper gate, LivecamMetrics metrics, Archives archives) {
}
