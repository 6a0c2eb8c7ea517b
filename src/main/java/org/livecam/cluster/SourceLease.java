package org.livecam.cluster;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import org.livecam.source.SourceGate;

/**
 * Which node runs one pulled camera's source, configured alike on every node: the holder of a
 * lease in Redis (SET NX PX, renewed each heartbeat by its holder only), and only while some node
 * wants it. A node that wants it (viewers, a snapshot, always on) says so in the camera's demand
 * set, scored by when its wish lapses. A node that wants the source itself takes a free lease at
 * once; one that runs it for others waits until it has seen the lease free at two heartbeats, so
 * the source usually runs where its viewers are. The holder keeps running it for one expiry after
 * the last wish it saw (a node's late heartbeat must not stop the source under its viewers). When
 * the holder dies its lease expires and another node that sees demand takes it. While Redis is
 * unreachable every node runs the source when it wants it itself, so its own viewers keep their
 * picture.
 */
final class SourceLease implements SourceGate {
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final String camera;
    private final RedisLink link;
    private final String node;
    private final Clock clock;
    private final long expiryMillis;
    private volatile boolean wantedHere;
    private volatile boolean wantedAnywhere;
    private volatile boolean holding;
    private volatile long wantedElsewhereUntil;
    private int vacantBeats; // heartbeats that found the lease free while only others wanted it
    private volatile Runnable recheck = () -> { };

    SourceLease(String camera, RedisLink link, String node, Clock clock, Duration expiry) {
        this.camera = camera;
        this.link = link;
        this.node = node;
        this.clock = clock;
        this.expiryMillis = expiry.toMillis();
    }

    /** What to call when the answer may have changed: the runner's recheck. */
    void recheckWith(Runnable runnerRecheck) {
        this.recheck = runnerRecheck;
    }

    @Override
    public boolean mayRun(boolean here) {
        boolean newlyWanted = here && !wantedHere;
        wantedHere = here;
        if (!link.up()) {
            return here;
        }
        if (newlyWanted) {
            heartbeat(); // say so now, and take the lease if nobody holds it: the source starts at once
        }
        return holding && (here || clock.millis() < wantedElsewhereUntil);
    }

    /** Asks the runner to ask again (Redis went away or came back). */
    void recheck() {
        recheck.run();
    }

    /** Announces this node's wish, reads everyone's, then takes, renews or gives back the lease. */
    Future<Void> heartbeat() {
        long now = clock.millis();
        String demand = RedisKeys.demand(camera);
        Request wish = wantedHere
                ? Request.cmd(Command.ZADD).arg(demand).arg(now + expiryMillis).arg(node)
                : Request.cmd(Command.ZREM).arg(demand).arg(node);
        link.send(wish);
        link.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(demand).arg("-inf").arg(now));
        link.send(Request.cmd(Command.PEXPIRE).arg(demand).arg(expiryMillis));
        return link.send(Request.cmd(Command.ZCARD).arg(demand)).compose(count -> {
            if (count != null && count.toLong() > 0) {
                wantedElsewhereUntil = clock.millis() + expiryMillis;
            }
            wantedAnywhere = wantedHere || clock.millis() < wantedElsewhereUntil;
            String lease = RedisKeys.lease(camera);
            if (wantedAnywhere && holding) {
                return eval(RENEW, lease).map(renewed -> holding = renewed != null && renewed.toLong() == 1);
            }
            if (wantedAnywhere && !wantedHere && ++vacantBeats < 2) {
                return link.send(Request.cmd(Command.EXISTS).arg(lease)).map(held -> {
                    if (held != null && held.toLong() > 0) {
                        vacantBeats = 0;
                    }
                    return false;
                });
            }
            if (wantedAnywhere) {
                return link.send(Request.cmd(Command.SET).arg(lease).arg(node).arg("NX").arg("PX").arg(expiryMillis))
                        .map(taken -> {
                            vacantBeats = 0;
                            return holding = taken != null && "OK".equals(taken.toString());
                        });
            }
            if (holding) {
                holding = false;
                return eval(RELEASE, lease).map(released -> false);
            }
            return Future.succeededFuture(false);
        }).onComplete(done -> recheck.run()).mapEmpty();
    }

    /** On a clean stop: gives the lease back so another node takes it at its next heartbeat. */
    Future<Void> release() {
        if (!holding) {
            return Future.succeededFuture();
        }
        holding = false;
        link.send(Request.cmd(Command.ZREM).arg(RedisKeys.demand(camera)).arg(node));
        return eval(RELEASE, RedisKeys.lease(camera)).mapEmpty();
    }

    private Future<Response> eval(String script, String key) {
        return link.send(Request.cmd(Command.EVAL).arg(script).arg(1).arg(key).arg(node).arg(expiryMillis));
    }
}
