package org.livecam.cluster;

import java.time.Duration;

/**
 * How this node joins the others: Redis's address, this node's name, and the heartbeat that
 * paces everything time-based. Announcements, demand and leases live {@link #expiry} (three
 * heartbeats), so a node that dies is forgotten within that; the newest frame of each camera is
 * kept for {@link #frameTtl}.
 *
 * @param node      this node's name, unique among the nodes (shown in /api/cameras)
 * @param heartbeat how often this node announces its cameras, its demand and renews its leases
 */
public record ClusterConfig(RedisAddress redis, String node, Duration heartbeat, Duration frameTtl) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FRAME_TTL = Duration.ofHours(1);

    public ClusterConfig {
        if (redis == null) {
            throw new IllegalArgumentException("a Redis address is required");
        }
        if (node == null || !node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("node name '" + node + "': 1 to 64 of A-Z a-z 0-9 _ . -");
        }
        if (heartbeat == null || heartbeat.toMillis() < 50 || heartbeat.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the Redis heartbeat must be between 50ms and 1m: " + heartbeat);
        }
        if (frameTtl == null || frameTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("the Redis frame TTL must be at least 1s: " + frameTtl);
        }
    }

    public static ClusterConfig of(RedisAddress redis, String node) {
        return new ClusterConfig(redis, node, DEFAULT_HEARTBEAT, DEFAULT_FRAME_TTL);
    }

    /** The host's name (what fits a node name) and four random hex digits: unique even for two nodes on one host. */
    public static String defaultNodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9_.-]", "");
        if (host.isEmpty() || host.length() > 50) {
            host = "node";
        }
        return host + "-" + String.format("%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    public ClusterConfig withHeartbeat(Duration newHeartbeat) {
        return new ClusterConfig(redis, node, newHeartbeat, frameTtl);
    }

    /** How long an announcement, a demand or a lease lives without renewal: three heartbeats. */
    public Duration expiry() {
        return heartbeat.multipliedBy(3);
    }
}
