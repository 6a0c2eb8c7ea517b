package org.livecam.cluster;

/**
 * The names livecam uses in Redis, all under {@code livecam:} (use another database number,
 * {@code redis://host:6379/1}, for a second cluster on the same Redis).
 */
final class RedisKeys {
    static final String PREFIX = "livecam:";
    /** Hash: camera id → the node that announced it last (kept, so a camera whose node stopped stays listed, offline). */
    static final String CAMERAS = PREFIX + "cameras";

    private RedisKeys() {
    }

    /** Pub/sub channel of one camera's frames. */
    static String frames(String camera) {
        return PREFIX + "frames:" + camera;
    }

    /** The camera id of a {@link #frames} channel, or null for another channel. */
    static String cameraOfChannel(String channel) {
        String head = PREFIX + "frames:";
        return channel.startsWith(head) ? channel.substring(head.length()) : null;
    }

    /** String: the newest frame message of one camera, with a TTL. */
    static String latest(String camera) {
        return PREFIX + "latest:" + camera;
    }

    /** String: JSON about a camera from its node (node, state, sequence), with a TTL renewed by heartbeat. */
    static String camera(String camera) {
        return PREFIX + "camera:" + camera;
    }

    /** Sorted set: the nodes that want a pulled camera's source, scored by when their wish expires (epoch ms). */
    static String demand(String camera) {
        return PREFIX + "demand:" + camera;
    }

    /** String: the node that runs a pulled camera's source, with a TTL renewed by that node. */
    static String lease(String camera) {
        return PREFIX + "lease:" + camera;
    }
}
