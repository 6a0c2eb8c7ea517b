package org.livecam;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.livecam.access.Gatekeeper;
import org.livecam.cluster.Cluster;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livecam.config.CameraConfig;
import org.livecam.config.ConnectionCapacity;
import org.livecam.config.DataDir;
import org.livecam.config.SavedCameras;
import org.livecam.config.StartupException;
import org.livecam.frame.Cameras;
import org.livecam.http.NetworkTransport;
import org.livecam.http.Server;
import org.livecam.http.ServerParts;
import org.livecam.http.TlsFiles;
import org.livecam.metrics.LivecamMetrics;
import org.livecam.record.Recorder;
import org.livecam.source.FrameSource;
import org.livecam.source.SourceGates;
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
    private static final String NATIVE_BIND_FAILED = "bind(..) failed";
    /** How long streams and requests under way get to end at shutdown before their connections are closed. */
    static final Duration STREAMS_GRACE = Duration.ofSeconds(2);
    /** The longest a source's process tree takes to stop (TERM, then KILL after its grace), and a moment. */
    private static final long SOURCES_STOP_MILLIS = 3500;

    private final Vertx vertx;
    private final Cameras cameras;
    private final LatestFrameWriter writer;
    private final HttpServer http;
    private final PulledCameras pulled;
    private final ScheduledExecutorService sourceScheduler;
    private final Cluster cluster; // null when alone
    private final LivecamMetrics metrics;
    private final Recorder recorder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LivecamServer(Vertx vertx, Cameras cameras, LatestFrameWriter writer, HttpServer http,
                          PulledCameras pulled, ScheduledExecutorService sourceScheduler, Cluster cluster,
                          LivecamMetrics metrics, Recorder recorder) {
        this.cluster = cluster;
        this.metrics = metrics;
        this.recorder = recorder;
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
        checkTls(config.http().tls());
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
        Cameras cameras = new Cameras(clock, config.http().pixelLimit());
        LatestFrameWriter writer = new LatestFrameWriter(cameras, openStore(config.dataDir()));
        LivecamMetrics metrics = new LivecamMetrics();
        metrics.watch(cameras, writer, config.http().staleAfter());
        int restored = writer.restore();
        if (restored > 0) {
            log.info("Restored the last frame of {} camera(s) from {}", restored, config.dataDir().resolve(SqliteFrameStore.FILE_NAME));
        }
        writer.start(config.persistInterval());
        cameras.getOrCreate(config.http().defaultCamera());
        Recorder recorder;
        try {
            recorder = startRecorder(config, cameras);
        } catch (RuntimeException e) {
            writer.close();
            metrics.close();
            throw e;
        }

        ScheduledExecutorService sourceScheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "source-runner");
            t.setDaemon(true);
            return t;
        });
        Gatekeeper gate;
        try {
            gate = Gatekeeper.open(config.access(), config.dataDir());
        } catch (RuntimeException e) {
            sourceScheduler.shutdownNow();
            recorder.close();
            writer.close();
            metrics.close();
            throw e;
        }
        Vertx vertx = startVertx(config.http().transport(), metrics);
        Cluster cluster = config.cluster() == null ? null : Cluster.start(vertx, config.cluster(), cameras, config.http().staleAfter());
        PulledCameras pulled = new PulledCameras(cameras, new SavedCameras(config.dataDir()), config.idleTimeout(),
                sourceScheduler, clock, writer::forget, cluster == null ? SourceGates.ALONE : cluster);
        pulled.startFixed(pulledCameras, pulledSources);
        pulled.startSaved();

        HttpServer http;
        try {
            http = Server.start(vertx, config.http(), cameras, new ServerParts(pulled, gate, metrics, recorder)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            pulled.close();
            sourceScheduler.shutdownNow();
            if (cluster != null) {
                cluster.close();
            }
            recorder.close();
            writer.close();
            vertx.close();
            metrics.close();
            throw cannotListen(config.http().bind(), config.http().port(), e);
        }
        return new LivecamServer(vertx, cameras, writer, http, pulled, sourceScheduler, cluster, metrics, recorder);
    }

    /**
     * Vert.x on native epoll unless told {@code nio}, saying which transport it got: epoll lets
     * every viewer socket bound its unsent bytes; NIO falls back to shrinking a slow viewer's buffers.
     */
    private static Vertx startVertx(NetworkTransport transport, LivecamMetrics metrics) {
        Vertx vertx = metrics.vertx(new VertxOptions().setPreferNativeTransport(transport == NetworkTransport.AUTO));
        if (vertx.isNativeTransportEnabled()) {
            log.info("Network transport: native epoll (viewers' unsent bytes bounded by TCP_NOTSENT_LOWAT)");
        } else if (transport == NetworkTransport.AUTO) {
            Throwable cause = vertx.unavailableNativeTransportCause();
            log.warn("Network transport: Java NIO, because native epoll cannot load here ({}); slow viewers get small buffers instead",
                    cause == null ? "no reason given" : cause.toString());
        } else {
            log.info("Network transport: Java NIO (--transport nio); slow viewers get small buffers");
        }
        return vertx;
    }

    /** {@code epoll} or {@code nio}: the transport the server runs on. */
    public String transport() {
        return vertx.isNativeTransportEnabled() ? "epoll" : "nio";
    }

    /** Opens the archives (cutting a torn tail left by a crash) and records the configured cameras. */
    private static Recorder startRecorder(ServerConfig config, Cameras cameras) {
        Recorder recorder = new Recorder(config.dataDir(), config.record(), cameras);
        try {
            recorder.start();
        } catch (IOException e) {
            throw new StartupException("cannot open the recordings in " + config.dataDir().resolve(Recorder.DIR_NAME) + ": " + e.getMessage(), e);
        }
        return recorder;
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
            if (t instanceof TlsFiles.UnusableException) { // the files changed since prepare() read them
                return new StartupException(t.getMessage(), e);
            }
            // Native epoll reports a failed bind as its own IOException: "bind(..) failed with error(-98): Address already in use".
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.startsWith(NATIVE_BIND_FAILED)) {
                String reason = message.replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "").toLowerCase(Locale.ROOT);
                if (reason.contains("in use")) {
                    return new StartupException(where + "address already in use; is another livecam running? choose another --port", e);
                }
                return new StartupException(where + reason + "; check --bind and --port", e);
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new StartupException(where + cause.getMessage(), e);
    }

    /** A missing, unreadable or mismatched certificate or key stops the start with one line naming the file. */
    private static void checkTls(TlsFiles tls) {
        if (tls != null) {
            try {
                tls.load();
            } catch (TlsFiles.UnusableException e) {
                throw new StartupException(e.getMessage(), e);
            }
        }
    }

    private static List<FrameSource> parseSources(List<CameraConfig> cameras, Clock clock) {
        List<FrameSource> sources = new ArrayList<>();
        for (CameraConfig camera : cameras) {
            sources.add(parseSource(camera, clock));
        }
        return sources;
    }

    /** The camera's source, or an {@link InvalidSourceException} with the message the command line prints. */
    static FrameSource parseSource(CameraConfig camera, Clock clock) {
        try {
            return SourceSpecs.parse(camera.source(), camera.fps(), clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidSourceException("camera " + camera.id() + ": " + e.getMessage());
        }
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return http.actualPort();
    }

    public Cameras cameras() {
        return cameras;
    }

    /**
     * Stops in about {@link #STREAMS_GRACE} plus a moment, whatever the viewers do: no new
     * connections; every stream ends cleanly (MJPEG with its close delimiter, WebSockets with
     * 1001), requests under way finish (a publish included); meanwhile the pulled sources stop
     * with their process trees; then every camera's newest frame is written. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Thread sources = new Thread(pulled::close, "stop-sources"); // each may wait for its command
        sources.start();
        try {
            // Stops accepting, tells each connection (ViewerSession ends its stream), waits for them to close.
            http.shutdown(STREAMS_GRACE.toMillis(), TimeUnit.MILLISECONDS).toCompletionStage().toCompletableFuture()
                    .get(STREAMS_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Ending the streams: {}", e.toString());
        }
        try {
            sources.join(SOURCES_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sourceScheduler.shutdownNow();
        if (cluster != null) {
            cluster.close(); // gives back leases, so another node takes over at once
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Stopping HTTP: {}", e.toString());
        }
        recorder.close();
        writer.close();
        metrics.close();
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

        /** The same, with {@code clock} as the cameras' wall clock (tests: one that jumps); durations never follow it back. */
        public Prepared withClock(Clock wallClock) {
            return new Prepared(config, sources, wallClock);
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
