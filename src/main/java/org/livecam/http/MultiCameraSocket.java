package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.variant.VariantSize;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws}: one WebSocket for many cameras, so a page with twenty cameras needs one
 * connection instead of twenty (browsers allow six per host for HTTP/1.1 streams).
 *
 * <p>The client sends JSON text messages:
 * <pre>
 * {"subscribe":"cam1"}                      every frame of cam1, original size
 * {"subscribe":"cam2","width":640,"fps":5}  a resized variant, at most 5 frames a second
 * {"subscribe":"cam3","width":"auto"}       the size this socket's link holds, as it goes
 * {"unsubscribe":"cam1"}
 * </pre>
 * Subscribing again to the same camera replaces its size and rate. The server answers
 * {@code {"type":"subscribed","camera":..,"size":"320xauto"}} (size only for a resized variant:
 * the snapped size, as X-Variant-Size says it) or {@code {"type":"error","camera":..,"error":..}},
 * and sends each frame as a {@link FramePreamble} text message (which names the camera)
 * followed at once by the JPEG as a binary message. Cameras take turns when the socket is busy
 * (see {@link FramePump}), so a busy camera cannot starve a quiet one. Event loop only.
 */
final class MultiCameraSocket {
    private static final Logger log = LoggerFactory.getLogger(MultiCameraSocket.class);
    static final int MAX_SUBSCRIPTIONS = 256;
    /** A leave line names at most this many cameras, so a wall of cameras stays one readable line. */
    private static final int LOGGED_CAMERAS = 8;

    private final Cameras cameras;
    private final Variants variants;
    private final ViewerLoops loops;
    private final int viewerQueueBytes;
    private final ClientAddress clients;

    MultiCameraSocket(Cameras cameras, Variants variants, ViewerLoops loops, int viewerQueueBytes, ClientAddress clients) {
        this.clients = clients;
        this.cameras = cameras;
        this.variants = variants;
        this.loops = loops;
        this.viewerQueueBytes = viewerQueueBytes;
    }

    void handle(HttpServerRequest request) {
        handle(request, id -> true, null, null);
    }

    /**
     * A socket whose caller may watch only the cameras {@code visible} lets through; others are
     * answered as unknown. When {@code shared} is given (a camera only the caller's share link
     * lets it see), that camera is unsubscribed when the link expires or is revoked, with
     * {@code "reason":"share link expired"} (or {@code revoked}), and refused from then on; the others go on.
     * When {@code user} is given (a signed-in caller while some camera is not public), the socket
     * closes with 1008 and {@code user removed} once the user is removed.
     */
    void handle(HttpServerRequest request, Predicate<String> visible, AccessDeadline shared, AccessDeadline user) {
        NettyBridge.ChannelLink channel = NettyBridge.channelOf(request.connection());
        request.toWebSocket()
                .onSuccess(socket -> serve(socket, channel, visible, shared, user))
                .onFailure(e -> log.debug("WebSocket upgrade for /ws failed: {}", e.toString()));
    }

    private void serve(ServerWebSocket socket, NettyBridge.ChannelLink channel, Predicate<String> visibleAtFirst, AccessDeadline shared,
                       AccessDeadline user) {
        boolean[] shareEnded = {false};
        Predicate<String> visible = id -> visibleAtFirst.test(id) && !(shareEnded[0] && id.equals(shared.camera()));
        FramePump pump = ViewerConnection.gridSocket(socket, channel, loops, viewerQueueBytes, clients.of(socket));
        Map<String, Runnable> subscriptions = new LinkedHashMap<>(); // camera id -> how to stop it
        pump.onEnded(camera -> { // removed: its lane is closed already
            subscriptions.remove(camera.id());
            socket.writeTextMessage(new JsonObject().put("type", "unsubscribed").put("camera", camera.id())
                    .put("reason", "camera removed").encode());
        });
        socket.textMessageHandler(text -> onMessage(socket, pump, subscriptions, text, visible));
        socket.binaryMessageHandler(ignored -> reply(socket, null, "this socket takes JSON text messages only"));
        socket.exceptionHandler(e -> log.debug("Multi-camera socket: {}", e.toString()));
        Runnable stopChecking = AccessDeadline.arm(shared, why -> {
            shareEnded[0] = true;
            if (stop(subscriptions.remove(shared.camera()))) {
                log.info("Multi-camera viewer from {} left camera {}: {}", clients.of(socket), shared.camera(), why);
                socket.writeTextMessage(new JsonObject().put("type", "unsubscribed").put("camera", shared.camera())
                        .put("reason", why).encode());
            }
        });
        Runnable stopCheckingUser = AccessDeadline.arm(user, why -> {
            log.info("Multi-camera viewer from {}: {}, the socket closes", clients.of(socket), why);
            socket.close((short) 1008, why);
        });
        socket.closeHandler(v -> {
            stopChecking.run();
            stopCheckingUser.run();
            pump.close(); // every lane leaves its camera first, so the counts below are the ones left
            log.info("Multi-camera viewer left from {} ({})", clients.of(socket), audiences(subscriptions.keySet()));
            subscriptions.clear();
        });
        log.info("Multi-camera viewer joined from {}", clients.of(socket));
    }

    /** "cam1: 2 watching, cam2: 0 watching", the first few cameras of a socket, read now. */
    private String audiences(Collection<String> ids) {
        if (ids.isEmpty()) {
            return "no cameras";
        }
        StringJoiner line = new StringJoiner(", ");
        ids.stream().limit(LOGGED_CAMERAS).forEach(id ->
                line.add(id + ": " + cameras.get(id).map(Camera::audience).orElse(0) + " watching"));
        if (ids.size() > LOGGED_CAMERAS) {
            line.add("and " + (ids.size() - LOGGED_CAMERAS) + " more cameras");
        }
        return line.toString();
    }

    private void onMessage(ServerWebSocket socket, FramePump pump, Map<String, Runnable> subscriptions, String text,
                           Predicate<String> visible) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            reply(socket, null, "not a JSON object: send {\"subscribe\":\"ID\"} or {\"unsubscribe\":\"ID\"}");
            return;
        }
        Object unsubscribe = message.getValue("unsubscribe");
        if (unsubscribe instanceof String id) {
            if (stop(subscriptions.remove(id))) {
                log.debug("Multi-camera viewer from {} left camera {} ({})", clients.of(socket), id, audiences(List.of(id)));
            }
            socket.writeTextMessage(new JsonObject().put("type", "unsubscribed").put("camera", id).encode());
            return;
        }
        Object subscribe = message.getValue("subscribe");
        if (!(subscribe instanceof String id)) {
            reply(socket, null, "send {\"subscribe\":\"ID\"} or {\"unsubscribe\":\"ID\"}");
            return;
        }
        Camera camera = cameras.get(id).filter(c -> visible.test(id)).orElse(null);
        if (camera == null) {
            reply(socket, id, "no camera '" + id + "'");
            return;
        }
        if (!subscriptions.containsKey(id) && subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            reply(socket, id, "at most " + MAX_SUBSCRIPTIONS + " cameras per socket");
            return;
        }
        double fps;
        VariantSize size;
        boolean auto = VariantQuery.AUTO.equals(message.getValue("width")) && message.getValue("height") == null;
        try {
            fps = number(message, "fps", 0.01, 1000);
            double width = auto ? 0 : number(message, "width", 1, VariantQuery.MAX_SIDE);
            double height = number(message, "height", 1, VariantQuery.MAX_SIDE);
            size = variants.sizes().snap(width > 0 ? (int) width : null, height > 0 ? (int) height : null);
        } catch (IllegalArgumentException e) {
            reply(socket, id, e.getMessage());
            return;
        }
        stop(subscriptions.remove(id));
        JsonObject subscribed = new JsonObject().put("type", "subscribed").put("camera", id);
        if (size != null || auto) {
            subscribed.put("size", auto ? VariantQuery.AUTO : size.toString()); // as X-Variant-Size says it: width 100 may be answered at 320
        }
        socket.writeTextMessage(subscribed.encode());
        subscriptions.put(id, auto ? pump.watchAuto(camera, fps, variants) : pump.watch(camera, fps, variants.feed(camera, size)));
        log.debug("Multi-camera viewer from {} watches camera {} ({})", clients.of(socket), id, audiences(List.of(id)));
    }

    /** Ends a subscription if there was one; says whether there was. */
    private static boolean stop(Runnable subscription) {
        if (subscription == null) {
            return false;
        }
        subscription.run();
        return true;
    }

    /** An optional number in range, or 0 when absent. */
    private static double number(JsonObject message, String name, double min, double max) {
        Object value = message.getValue(name);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number) || !(number.doubleValue() >= min && number.doubleValue() <= max)) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number between " + min + " and " + max);
        }
        return number.doubleValue();
    }

    private static void reply(ServerWebSocket socket, String camera, String error) {
        JsonObject json = new JsonObject().put("type", "error").put("error", error);
        if (camera != null) {
            json.put("camera", camera);
        }
        socket.writeTextMessage(json.encode());
    }
}
