package org.livecam.record;

import java.time.Instant;
import java.util.List;

/**
 * What a camera's archive holds now: first and last frame (null when empty), how many frames
 * and bytes, and the spans with recordings (a gap between two is a time the camera was off or
 * not recorded).
 */
public record ArchiveSummary(String camera, Instant first, Instant last, long frames, long bytes, List<Span> spans) {
}
