package org.livecam;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.livecam.config.CameraConfig;
import org.livecam.config.ConnectionCapacity;
import org.livecam.config.DataDir;
import org.livecam.config.StartupException;
import org.livecam.frame.Cameras;
import org.livecam.http.Server;
import org.livecam.source.FrameSource;
import org.livecam.source.SourceRunner;
import org.livecam.source.SourceSpecs;
import org.livecam.store.LatestFrameWriter;
import org.livecam.store.SqliteFrameStore;
import org.livecam.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running livecam server, wired the one way {@code main} and the tests both use: store
 * restored into cameras, the pulled cameras (the demo among them), then HTTP.
 * {@link #close} stops it in reverse order and saves the latest frames.
 *
 * <p>This is the one place where source specs are parsed: {@link #prepare} parses each once and
 * readies the data folder, before anything starts.
 */
public final class LivecamServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LivecamServer.class);

    private final Vertx vertx;
    private final Cameras cameras;
    private final LatestFrameWriter writer;
    private final HttpServer http;
    private final List<SourceRunner> pulled;
    private final ScheduledExecutorService sourceScheduler;

    private LivecamServer(Vertx vertx, Cameras cameras, LatestFrameWriter writer, HttpServer http,
                          List<SourceRunner> pulled, ScheduledExecutorService sourceScheduler) {
        this.pulled = pulled;
        this.sourceScheduler = sourceScheduler;
        this.vertx = vertx;
        this.cameras = cameras;
        this.writer = writer;
        this.http = http;
    }

    /**
     * Parses every pulled camera's source spec, then readies the data folder, starting nothing: a
     * spec that cannot be parsed is an {@link InvalidSourceException} before the data folder is
     * touched; an unusable data folder is a one-line {@link StartupException}.
     */
    public static Prepared prepare(ServerConfig config) {
        Clock clock = Clock.systemUTC();
        List<FrameSource> sources = parseSources(config.cameras(), clock);
        DataDir.prepare(config.dataDir());
        return new Prepared(config, sources, clock);
    }

    /**
     * {@link #prepare}s and starts the server; a port that cannot be bound stops it with a one-line
     * {@link StartupException}.
     */
    public static LivecamServer start(ServerConfig config) throws StoreException {
        return prepare(config).start();
    }

    private static LivecamServer start(ServerConfig config, List<FrameSource> pulledSources, Clock clock) throws StoreException {
        ConnectionCapacity.log();
        List<CameraConfig> pulledCameras = config.cameras();
        Cameras cameras = new Cameras(clock);
        LatestFrameWriter writer = new LatestFrameWriter(cameras, openStore(config.dataDir()));
        int restored = writer.restore();
        if (restored > 0) {
            log.info("Restored the last frame of {} camera(s) from {}", restored, config.dataDir().resolve(SqliteFrameStore.FILE_NAME));
        }
        writer.start(config.persistInterval());
        cameras.getOrCreate(config.http().defaultCamera());

        ScheduledExecutorService sourceScheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "source-runner");
            t.setDaemon(true);
            return t;
        });
        List<SourceRunner> pulled = new ArrayList<>();
        for (int i = 0; i < pulledSources.size(); i++) {
            CameraConfig camera = pulledCameras.get(i);
            SourceRunner runner = new SourceRunner(cameras.getOrCreate(camera.id()), pulledSources.get(i),
                    camera.alwaysOn(), camera.idleTimeout(), sourceScheduler, clock);
            runner.start();
            pulled.add(runner);
        }

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        HttpServer http;
        try {
            http = Server.start(vertx, config.http(), cameras).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            pulled.forEach(SourceRunner::close);
            sourceScheduler.shutdownNow();
            writer.close();
            vertx.close();
            throw cannotListen(config.http().bind(), config.http().port(), e);
        }
        return new LivecamServer(vertx, cameras, writer, http, pulled, sourceScheduler);
    }

    private static SqliteFrameStore openStore(Path dataDir) throws StoreException {
        try {
            return SqliteFrameStore.open(dataDir);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static StartupException cannotListen(String bind, int port, Exception e) {
        String where = "cannot listen on " + bind + ":" + port + ": ";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                String reason = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (reason.contains("in use")) {
                    return new StartupException(where + "address already in use; is another livecam running? choose another --port", e);
                }
                return new StartupException(where + reason + "; check --bind and --port", e);
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new StartupException(where + cause.getMessage(), e);
    }

    private static List<FrameSource> parseSources(List<CameraConfig> cameras, Clock clock) {
        List<FrameSource> sources = new ArrayList<>();
        for (CameraConfig camera : cameras) {
            try {
                sources.add(SourceSpecs.parse(camera.source(), camera.fps(), clock));
            } catch (IllegalArgumentException e) {
                throw new InvalidSourceException("camera " + camera.id() + ": " + e.getMessage());
            }
        }
        return sources;
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return http.actualPort();
    }

    public Cameras cameras() {
        return cameras;
    }

    @Override
    public void close() {
        pulled.parallelStream().forEach(SourceRunner::close); // each may wait for its command to exit
        sourceScheduler.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Stopping HTTP: {}", e.toString());
        }
        writer.close();
    }

    /**
     * A config whose source specs are parsed and whose data folder is ready; nothing runs until
     * {@link #start}, which is called at most once (the parsed sources are used, not copied).
     */
    public static final class Prepared {
        private final ServerConfig config;
        private final List<FrameSource> sources;
        private final Clock clock;

        private Prepared(ServerConfig config, List<FrameSource> sources, Clock clock) {
            this.config = config;
            this.sources = sources;
            this.clock = clock;
        }

        /** The same, publishing with {@code token}: the one kept in the data folder is known only once it is ready. */
        public Prepared withToken(String token) {
            return new Prepared(config.withHttp(http -> http.withToken(token)), sources, clock);
        }

        public LivecamServer start() throws StoreException {
            return LivecamServer.start(config, sources, clock);
        }
    }

    /** A pulled camera's source spec cannot be parsed; the message names the camera and what is allowed. */
    public static final class InvalidSourceException extends IllegalArgumentException {
        InvalidSourceException(String message) {
            super(message);
        }
    }
}
