package org.livecam.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.livecam.frame.Camera;
import org.livecam.frame.CameraState;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;

/**
 * The one camera list of all nodes. Each heartbeat this node announces the cameras it publishes
 * (a key per camera with the node, its state and sequence, living {@code expiry}; the hash
 * {@link RedisKeys#CAMERAS} remembers the last node of every camera), and makes every other
 * node's camera here, marked with its node and its state there, so every viewing URL works on
 * every node. A camera whose key expired (its node stopped) is offline here; while Redis is
 * unreachable the other nodes' cameras are stale. A camera published on two nodes belongs to the
 * one that published it last.
 */
final class CameraDirectory {
    private final RedisLink link;
    private final Cameras cameras;
    private final FrameRelay relay;
    private final String node;
    private final long expiryMillis;
    private final Duration staleAfter;
    private final Map<String, String> remote = new ConcurrentHashMap<>(); // camera → its node, as last seen

    CameraDirectory(RedisLink link, Cameras cameras, FrameRelay relay, String node, Duration expiry, Duration staleAfter) {
        this.link = link;
        this.cameras = cameras;
        this.relay = relay;
        this.node = node;
        this.expiryMillis = expiry.toMillis();
        this.staleAfter = staleAfter;
    }

    /** Reads the list, announces this node's cameras, and makes or updates the others' here. */
    Future<Void> heartbeat() {
        return link.send(Request.cmd(Command.HGETALL).arg(RedisKeys.CAMERAS)).compose(all -> {
            Map<String, String> lastNode = new HashMap<>();
            if (all != null) {
                for (String id : all.getKeys()) {
                    lastNode.put(id, all.get(id).toString());
                }
            }
            TreeSet<String> ids = new TreeSet<>(lastNode.keySet());
            for (Camera camera : cameras.all()) {
                if (relay.lastLocalPublish(camera.id()) != null) {
                    ids.add(camera.id());
                }
            }
            if (ids.isEmpty()) {
                return Future.succeededFuture();
            }
            List<String> order = new ArrayList<>(ids);
            Request mget = Request.cmd(Command.MGET);
            order.forEach(id -> mget.arg(RedisKeys.camera(id)));
            return link.send(mget).compose(infos -> {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < order.size(); i++) {
                    Response info = infos.get(i);
                    update(order.get(i), info == null ? null : new JsonObject(info.toString()), lastNode.get(order.get(i)), writes);
                }
                return Future.all(writes).mapEmpty();
            });
        });
    }

    private void update(String id, JsonObject info, String lastNode, List<Future<?>> writes) {
        Long local = relay.lastLocalPublish(id);
        String infoNode = info == null ? null : info.getString("node");
        boolean mine = local != null && (info == null || node.equals(infoNode) || local > info.getLong("last", 0L));
        if (mine) {
            Camera camera = cameras.getOrCreate(id);
            remote.remove(id);
            camera.describeOrigin(node, null);
            Frame latest = camera.latest();
            JsonObject announce = new JsonObject().put("node", node)
                    .put("state", camera.state(staleAfter).label())
                    .put("sequence", latest == null ? 0 : latest.sequence())
                    .put("last", local);
            writes.add(link.send(Request.cmd(Command.SET).arg(RedisKeys.camera(id)).arg(announce.encode()).arg("PX").arg(expiryMillis)));
            if (!node.equals(lastNode)) {
                writes.add(link.send(Request.cmd(Command.HSET).arg(RedisKeys.CAMERAS).arg(id).arg(node)));
            }
        } else if (info != null) {
            Camera camera = cameras.getOrCreate(id);
            remote.put(id, infoNode);
            camera.describeOrigin(infoNode, parseState(info.getString("state")));
            camera.continueAfter(info.getLong("sequence", 0L));
        } else if (lastNode != null && !lastNode.equals(node)) {
            remote.put(id, lastNode);
            cameras.getOrCreate(id).describeOrigin(lastNode, CameraState.OFFLINE); // its node stopped announcing it
        }
    }

    /** Redis is unreachable: other nodes' cameras are stale here (those already offline stay so). */
    void markRemoteStale() {
        remote.forEach((id, origin) -> cameras.get(id).ifPresent(camera -> {
            if (camera.state(staleAfter) != CameraState.OFFLINE) {
                camera.describeOrigin(origin, CameraState.STALE);
            }
        }));
    }

    /** On a clean stop: this node's cameras go offline everywhere at once, not after {@code expiry}. */
    Future<Void> withdraw() {
        List<Future<?>> deletes = new ArrayList<>();
        for (Camera camera : cameras.all()) {
            if (relay.lastLocalPublish(camera.id()) != null && node.equals(camera.origin())) {
                deletes.add(link.send(Request.cmd(Command.DEL).arg(RedisKeys.camera(camera.id()))));
            }
        }
        return Future.all(deletes).mapEmpty();
    }

    private static CameraState parseState(String label) {
        try {
            return CameraState.valueOf(String.valueOf(label).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return CameraState.STALE;
        }
    }
}
