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
    private final ConcurrentHashMap<String, Camera> byId = new ConcurrentHashMap<>();
    private final List<Consumer<Camera>> addedListeners = new CopyOnWriteArrayList<>();

    public Cameras(Clock clock) {
        this.clock = clock;
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
        Camera[] made = new Camera[1];
        Camera camera = byId.computeIfAbsent(CameraId.check(id), key -> made[0] = new Camera(key, clock));
        if (made[0] != null) {
            addedListeners.forEach(listener -> listener.accept(camera));
        }
        return camera;
    }

    /**
     * Calls {@code listener} for every camera there is and for each one made later (on the thread
     * that makes it, often an event loop: must not block). Metrics set up a camera's meters this way.
     */
    public void whenAdded(Consumer<Camera> listener) {
        addedListeners.add(listener);
        byId.values().forEach(listener);
    }

    /**
     * Checks {@code jpeg} and publishes it to the camera with this id, made on first use. A JPEG
     * that fails the check throws and changes nothing: no camera is made for it.
     */
    public Frame publish(String id, ByteBuffer jpeg) throws InvalidJpegException {
        Jpeg.Size size = Jpeg.inspect(jpeg);
        return getOrCreate(id).publish(jpeg, size);
    }

    /** All cameras, ordered by id. */
    public List<Camera> all() {
        List<Camera> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(Camera::id));
        return list;
    }
}
