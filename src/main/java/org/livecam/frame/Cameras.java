package org.livecam.frame;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every camera of this server by id. A camera exists from its first frame, or when configured. */
public final class Cameras {
    private final Clock clock;
    private final PixelLimit pixelLimit;
    private final ConcurrentHashMap<String, Camera> byId = new ConcurrentHashMap<>();
    private final List<Consumer<Camera>> setups = new CopyOnWriteArrayList<>();

    public Cameras(Clock clock) {
        this(clock, PixelLimit.DEFAULT);
    }

    /** Cameras whose frames, pushed or pulled, are held to {@code pixelLimit}. */
    public Cameras(Clock clock, PixelLimit pixelLimit) {
        this.clock = clock;
        this.pixelLimit = pixelLimit;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<Camera> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The camera with this id, made on first use; the id must be valid. */
    public Camera getOrCreate(String id) {
        Camera existing = byId.get(id);
        if (existing != null) {
            return existing;
        }
        boolean[] made = new boolean[1];
        Camera camera = byId.computeIfAbsent(CameraId.check(id), key -> {
            made[0] = true;
            return new Camera(key, clock, pixelLimit);
        });
        if (made[0]) {
            setups.forEach(setup -> setup.accept(camera));
        }
        return camera;
    }

    /**
     * Runs {@code setup} on every camera now and on each one made later (a relay hooking its
     * listeners in), on the thread that makes it. A camera made at the very moment this is called
     * may be set up twice, so {@code setup} must be idempotent; it must not block.
     */
    public synchronized void forEachCamera(Consumer<Camera> setup) {
        setups.add(setup);
        byId.values().forEach(setup);
    }

    /**
     * Checks {@code jpeg} (a whole JPEG within the pixel limit) and publishes it to the camera with
     * this id, made on first use. A JPEG that fails the check throws (a {@link FrameTooLargeException}
     * when it claims too many pixels) and changes nothing: no camera is made for it.
     */
    public Frame publish(String id, ByteBuffer jpeg) throws InvalidJpegException {
        Jpeg.Size size = pixelLimit.inspect(jpeg);
        return getOrCreate(id).publish(jpeg, size);
    }

    /**
     * Removes the camera with this id and {@link Camera#end ends} it, so its viewers let go; the
     * next {@link #getOrCreate} of the id makes a new camera. False when there was none.
     */
    public boolean remove(String id) {
        Camera removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        removed.end();
        return true;
    }

    /** All cameras, ordered by id. */
    public List<Camera> all() {
        List<Camera> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(Camera::id));
        return list;
    }
}
