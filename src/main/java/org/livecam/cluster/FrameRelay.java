package org.livecam.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames between this node and Redis. Out: each frame published here goes to Redis once, on its
 * camera's channel (PUBLISH), and the newest is kept under a key (SET PX, at most once a second
 * per camera while frames flow, and the last one at the next heartbeat, so a camera that stopped
 * leaves its very last frame there); one send per camera in flight, newer frames replace a
 * waiting one, so a slow Redis costs frames, never memory. In: this node subscribes to a camera's
 * channel only while someone here watches it (or asked for a snapshot within {@code linger}),
 * even a camera it publishes itself (a camera pushing through a round-robin balancer reaches
 * several nodes; its own frames, echoed, are dropped); on subscribing it reads the kept frame, so a new viewer
 * sees a picture at once. Other nodes' frames enter the local camera through
 * {@link Camera#publishRelayed}, which never comes back here.
 */
final class FrameRelay implements Camera.PublishListener, Camera.DemandListener {
    private static final Logger log = LoggerFactory.getLogger(FrameRelay.class);
    private static final long LATEST_EVERY_MILLIS = 1000;

    private final RedisLink link;
    private final Cameras cameras;
    private final String node;
    private final Clock clock;
    private final long lingerMillis;
    private final long frameTtlMillis;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLocalPublish = new ConcurrentHashMap<>();
    private final Map<String, Long> wantedUntil = new ConcurrentHashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final Set<String> hooked = ConcurrentHashMap.newKeySet();
    private volatile long badMessageWarnedMillis;

    FrameRelay(RedisLink link, Cameras cameras, String node, Duration linger, Duration frameTtl) {
        this.link = link;
        this.cameras = cameras;
        this.node = node;
        this.clock = cameras.clock();
        this.lingerMillis = linger.toMillis();
        this.frameTtlMillis = frameTtl.toMillis();
    }

    /** Hooks into every camera, now and later. */
    void start() {
        cameras.forEachCamera(camera -> {
            if (hooked.add(camera.id())) {
                if (camera.origin() == null) {
                    camera.describeOrigin(node, null); // this node's until the camera list says otherwise
                }
                camera.addPublishListener(this);
                camera.addDemandListener(this);
            }
        });
    }

    /** When this node last published a frame of {@code camera} itself (epoch ms), or null if never in this run. */
    Long lastLocalPublish(String camera) {
        return lastLocalPublish.get(camera);
    }

    @Override
    public void published(Camera camera, Frame frame) {
        lastLocalPublish.put(camera.id(), frame.receivedAt().toEpochMilli());
        if (!link.up()) {
            return; // nobody else can see it now; the next frame after Redis returns will
        }
        outboxes.computeIfAbsent(camera.id(), Outbox::new).offer(frame);
    }

    @Override
    public void viewersChanged(Camera camera) {
        if (camera.demand() > 0) {
            wanted(camera);
        }
    }

    @Override
    public void frameRequested(Camera camera) {
        wanted(camera);
    }

    private void wanted(Camera camera) {
        wantedUntil.put(camera.id(), clock.millis() + lingerMillis);
        if (!subscribed.contains(camera.id())) {
            subscribe(camera.id());
        }
    }

    /**
     * Subscribes where someone here watches another node's camera, unsubscribes where nobody did
     * for {@code linger}. Called by heartbeat, and with {@code resubscribeAll} when Redis is back
     * (a new connection has no subscriptions).
     */
    void reconcile(boolean resubscribeAll) {
        if (resubscribeAll) {
            subscribed.clear();
        }
        outboxes.values().forEach(Outbox::keepLatest);
        long now = clock.millis();
        for (Camera camera : cameras.all()) {
            String id = camera.id();
            if (camera.demand() > 0) {
                wantedUntil.put(id, now + lingerMillis);
            }
            boolean want = wantedUntil.getOrDefault(id, 0L) > now;
            if (want && !subscribed.contains(id)) {
                subscribe(id);
            } else if (!want && subscribed.contains(id)) {
                subscribed.remove(id);
                link.sendOnSubscriber(Request.cmd(Command.UNSUBSCRIBE).arg(RedisKeys.frames(id)));
            }
        }
    }

    private void subscribe(String camera) {
        if (!link.up() || !subscribed.add(camera)) {
            return;
        }
        link.sendOnSubscriber(Request.cmd(Command.SUBSCRIBE).arg(RedisKeys.frames(camera)))
                .compose(ok -> link.send(Request.cmd(Command.GET).arg(RedisKeys.latest(camera))))
                .onSuccess(kept -> {
                    if (kept != null) {
                        receive(camera, kept.toBuffer());
                    }
                })
                .onFailure(e -> subscribed.remove(camera));
    }

    /** A pub/sub message from Redis: another node's frame, or our own echoed (dropped). */
    void message(String channel, Buffer payload) {
        String camera = RedisKeys.cameraOfChannel(channel);
        if (camera != null) {
            receive(camera, payload);
        }
    }

    private void receive(String cameraId, Buffer payload) {
        Camera camera = cameras.get(cameraId).orElse(null);
        if (camera == null) {
            return;
        }
        try {
            FrameMessage message = FrameMessage.decode(payload);
            if (message.node().equals(node)) {
                return;
            }
            Frame current = camera.latest();
            if (current != null && !current.restored() && current.sequence() >= message.sequence()
                    && !current.receivedAt().isBefore(message.receivedAt())) {
                return; // the kept frame read on subscribing, older than what arrived meanwhile
            }
            Jpeg.Size size = Jpeg.inspect(message.jpeg());
            camera.publishRelayed(message.jpeg(), size, message.sequence(), message.receivedAt());
        } catch (IllegalArgumentException | InvalidJpegException e) {
            long now = clock.millis();
            if (now - badMessageWarnedMillis > 10_000) {
                badMessageWarnedMillis = now;
                log.warn("Camera {}: dropped a frame from Redis that is not one: {}", cameraId, e.getMessage());
            }
        }
    }

    /** One camera's way out: at most one send in flight, the newest frame waiting behind it. */
    private final class Outbox {
        private final String camera;
        private final AtomicReference<Frame> waiting = new AtomicReference<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private final AtomicReference<Buffer> unkept = new AtomicReference<>(); // published, not yet SET
        private long latestSetMillis = -LATEST_EVERY_MILLIS; // touched only by the one sender

        Outbox(String camera) {
            this.camera = camera;
        }

        void offer(Frame frame) {
            waiting.set(frame);
            sendNext();
        }

        private void sendNext() {
            while (waiting.get() != null && sending.compareAndSet(false, true)) {
                Frame frame = waiting.getAndSet(null);
                if (frame == null) {
                    sending.set(false);
                    continue;
                }
                Buffer message = FrameMessage.encode(node, frame);
                long now = clock.millis();
                if (now - latestSetMillis >= LATEST_EVERY_MILLIS) {
                    latestSetMillis = now;
                    unkept.set(null);
                    keep(message);
                } else {
                    unkept.set(message);
                }
                link.send(Request.cmd(Command.PUBLISH).arg(RedisKeys.frames(camera)).arg(message))
                        .onComplete(done -> {
                            sending.set(false);
                            sendNext();
                        });
                return;
            }
        }

        /** Keeps the newest frame if the once-a-second rule skipped it. */
        void keepLatest() {
            Buffer message = unkept.getAndSet(null);
            if (message != null) {
                keep(message);
            }
        }

        private void keep(Buffer message) {
            link.send(Request.cmd(Command.SET).arg(RedisKeys.latest(camera)).arg(message).arg("PX").arg(frameTtlMillis));
        }
    }
}
