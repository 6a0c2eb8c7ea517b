package org.livecam.frame;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Every camera of this server by id. A camera exists from its first frame, or when configured. */
public final class Cameras {
    private final Clock clock;
    private final ConcurrentHashMap<String, Camera> byId = new ConcurrentHashMap<>();
    private final List<Consumer<Camera>> creationListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        boolean[] created = new boolean[1];
        Camera camera = byId.computeIfAbsent(CameraId.check(id), key -> {
            created[0] = true;
            return new Camera(key, clock);
        });
        if (created[0]) {
            creationListeners.forEach(listener -> listener.accept(camera));
        }
        return camera;
    }

    /** Called once for every camera made from now on, on the thread that made it. */
    public void onCreate(Consumer<Camera> listener) {
        creationListeners.add(listener);
    }

    /** All cameras, ordered by id. */
    public List<Camera> all() {
        List<Camera> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(Camera::id));
        return list;
    }
}
