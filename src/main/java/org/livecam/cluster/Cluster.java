package org.livecam.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livecam.frame.Cameras;
import org.livecam.source.SourceGate;
import org.livecam.source.SourceGates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster of livecam nodes sharing one Redis: the {@link FrameRelay}, the
 * {@link CameraDirectory} and a {@link SourceLease} per pulled camera, kept going by one
 * heartbeat. Starts without waiting for Redis: a node whose Redis is down serves its own cameras
 * and joins the others when Redis comes.
 */
public final class Cluster implements SourceGates, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final ClusterConfig config;
    private final RedisLink link;
    private final FrameRelay relay;
    private final CameraDirectory directory;
    private final Map<String, SourceLease> leases = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicBoolean beating = new AtomicBoolean();
    private long timer = -1;

    private Cluster(Vertx vertx, ClusterConfig config, Cameras cameras, Duration staleAfter) {
        this.vertx = vertx;
        this.config = config;
        this.clock = cameras.clock();
        FrameRelay[] relayRef = new FrameRelay[1];
        // A command unanswered for two heartbeats (at least 5 s: a busy machine pauses for a second) means Redis hangs.
        Duration timeout = config.heartbeat().multipliedBy(2);
        this.link = new RedisLink(vertx, config.redis(), timeout.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : timeout,
                (channel, payload) -> relayRef[0].message(channel, payload));
        this.relay = new FrameRelay(link, cameras, config.node(), config.expiry(), config.frameTtl());
        relayRef[0] = relay;
        this.directory = new CameraDirectory(link, cameras, relay, config.node(), config.expiry(), staleAfter);
    }

    /** Hooks into the cameras and starts connecting to Redis; returns at once. */
    public static Cluster start(Vertx vertx, ClusterConfig config, Cameras cameras, Duration staleAfter) {
        Cluster cluster = new Cluster(vertx, config, cameras, staleAfter);
        cluster.relay.start();
        cluster.link.onUp(() -> {
            cluster.relay.reconcile(true);
            cluster.beat();
        });
        log.info("Node {} shares its cameras through Redis at {}", config.node(), config.redis());
        cluster.link.start();
        cluster.timer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> cluster.beat());
        return cluster;
    }

    /** The gate of a pulled camera configured on this node: it runs where the lease is. */
    @Override
    public SourceGate gate(String cameraId) {
        return leases.computeIfAbsent(cameraId, id -> new SourceLease(id, link, config.node(), clock, config.expiry()));
    }

    /** Tells the gate of {@code cameraId} what to call when its answer may have changed (the runner's recheck). */
    @Override
    public void recheckWith(String cameraId, Runnable recheck) {
        SourceLease lease = leases.get(cameraId);
        if (lease != null) {
            lease.recheckWith(recheck);
        }
    }

    public String node() {
        return config.node();
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        if (!link.up()) {
            directory.markRemoteStale();
            leases.values().forEach(SourceLease::recheck); // while Redis is away each node runs what it wants itself
            beating.set(false);
            return;
        }
        List<Future<?>> all = new ArrayList<>();
        all.add(directory.heartbeat().onFailure(e -> directory.markRemoteStale()));
        leases.values().forEach(lease -> all.add(lease.heartbeat()));
        Future.join(all).onComplete(done -> {
            relay.reconcile(false);
            beating.set(false);
        });
    }

    /** Gives back leases and withdraws this node's cameras (best effort, briefly), then disconnects. */
    @Override
    public void close() {
        vertx.cancelTimer(timer);
        if (link.up()) {
            List<Future<?>> goodbyes = new ArrayList<>();
            leases.values().forEach(lease -> goodbyes.add(lease.release()));
            goodbyes.add(directory.withdraw());
            try {
                Future.join(goodbyes).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("Leaving the cluster: {}", e.toString());
            }
        }
        link.close();
    }
}
