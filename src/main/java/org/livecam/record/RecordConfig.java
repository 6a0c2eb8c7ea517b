package org.livecam.record;

import java.util.Map;
import java.util.Set;

/**
 * Which cameras are recorded and how.
 *
 * @param cameras      ids recorded with the defaults; {@code *} records every camera
 * @param defaults     the policy of a camera without its own
 * @param perCamera    cameras with their own policy (from the config file); each is recorded
 * @param minFreeBytes free space the file system keeps: below it the oldest recordings go, then
 *                     recording pauses; negative: the smaller of 1 GB and 5% of the file system
 */
public record RecordConfig(Set<String> cameras, RecordPolicy defaults, Map<String, RecordPolicy> perCamera, long minFreeBytes) {
    public static final String ALL = "*";
    public static final RecordConfig OFF = new RecordConfig(Set.of(), RecordPolicy.DEFAULT, Map.of(), -1);
    private static final long DEFAULT_MIN_FREE = 1L << 30;

    public RecordConfig {
        cameras = Set.copyOf(cameras);
        perCamera = Map.copyOf(perCamera);
    }

    public boolean enabled() {
        return !cameras.isEmpty() || !perCamera.isEmpty();
    }

    public boolean records(String cameraId) {
        return cameras.contains(ALL) || cameras.contains(cameraId) || perCamera.containsKey(cameraId);
    }

    public RecordPolicy policy(String cameraId) {
        return perCamera.getOrDefault(cameraId, defaults);
    }

    /** The free space to keep on a file system of {@code totalBytes}. */
    public long minFree(long totalBytes) {
        return minFreeBytes >= 0 ? minFreeBytes : Math.min(DEFAULT_MIN_FREE, totalBytes / 20);
    }
}
