package org.livecam;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.livecam.access.AccessConfig;
import org.livecam.config.AccessRule;
import org.livecam.cluster.ClusterConfig;
import org.livecam.cluster.RedisAddress;
import java.util.HashMap;
import java.util.Map;
import org.livecam.config.ByteSize;
import org.livecam.config.CameraConfig;
import org.livecam.config.ConfigFile;
import org.livecam.frame.CameraId;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import org.livecam.config.CameraList;
import org.livecam.config.ConfigFileDefaults;
import org.livecam.config.DemoCamera;
import org.livecam.config.DurationConverter;
import org.livecam.config.PublishToken;
import org.livecam.http.ConnectionLimits;
import org.livecam.http.HttpConfig;
import org.livecam.http.NetworkTransport;
import org.livecam.http.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livecam serve}: the server that cameras feed and viewers watch. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        defaultValueProvider = ServeCommand.FileDefaults.class,
        description = "Run the live-camera server: cameras publish JPEG frames, browsers watch them.",
        footer = {"",
            "Settings, first match wins: a flag; then the --config file (flag names",
            "without dashes, e.g. 'port: 8080'); then the environment (LIVECAM_TOKEN,",
            "LIVECAM_PASSWORD or PASSWORD), which only fills what neither gives; then",
            "the defaults above. --camera replaces the source of a file camera with",
            "the same id. See docs/CONFIG.md.",
            "",
            "Sources:",
            "  test:?size=WxH&fps=N",
            "  exec:COMMAND ARGS... [#stall=10s]",
            "  http(s)://[user:pass@]host/path[#fps=2&stall=10s]",
            "  dir:PATH?fps=5&watch=false"})
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A livecam.yml with server options and the cameras to pull (see below and docs/CONFIG.md).")
    Path configFile;

    @Option(names = "--camera", paramLabel = "ID=SPEC",
            description = {"A camera the server pulls itself, on demand (repeatable), e.g.",
                "door=exec:ffmpeg -i rtsp://cam/stream -f mjpeg -"})
    List<String> cameraFlags = new ArrayList<>();

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long a pulled camera's source keeps running after its last viewer left.")
    Duration idleTimeout;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port to listen on (0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on; 127.0.0.1 keeps it on this machine.")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "Folder for livecam.db, which keeps the latest frames across restarts.")
    Path data;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LIVECAM_TOKEN}",
            description = "Bearer token that publishes frames (env LIVECAM_TOKEN). Without one, a random token is made at the first start, printed, and kept in DIR/publish-token.")
    String token;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Turns on the tutorial's POST /?password=... upload to the default camera (env LIVECAM_PASSWORD, or PASSWORD). Default: off.")
    String password;

    @Option(names = "--default-camera", paramLabel = "ID", defaultValue = "live",
            description = "Camera behind /live.jpeg, POST /?password= and mjpg-streamer's /?action=stream and /?action=snapshot.")
    String defaultCamera;

    @Option(names = "--no-demo", description = "Do not run the generated demo camera.")
    boolean noDemo;

    @Option(names = "--demo-camera", paramLabel = "ID", defaultValue = "demo", description = "Id of the demo camera.")
    String demoCamera;

    @Option(names = "--demo-size", paramLabel = "WxH", defaultValue = "1280x720", description = "Size of the demo camera's frames.")
    String demoSize;

    @Option(names = "--demo-fps", defaultValue = "15", description = "Frame rate of the demo camera.")
    double demoFps;

    @Option(names = "--max-frame-bytes", defaultValue = "10485760", description = "Largest JPEG accepted for publishing, in bytes (10 MiB).")
    int maxFrameBytes;

    @Option(names = "--max-frame-pixels", paramLabel = "PIXELS", defaultValue = "50000000",
            description = {"Most pixels (width x height in its JPEG header) a published or pulled frame may claim; larger ones are refused",
                "with 413 (a pulled camera shows why), so a few bytes claiming 65535x65535 cannot make the server decode gigapixels.",
                "Default 50000000 (50 megapixels; 8K video is 33), at most 268435456."})
    long maxFramePixels;

    @Option(names = "--snapshot-wait", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest a snapshot with ?after=SEQ waits for a newer frame.")
    Duration snapshotWait;

    @Option(names = "--viewer-queue-bytes", defaultValue = "65536",
            description = "Bytes queued in the server for one viewer before it counts as busy and skips to the newest frame.")
    int viewerQueueBytes;

    @Option(names = "--send-buffer-bytes", defaultValue = "65536",
            description = "Kernel send buffer per connection on NIO (0: system default, which lets a slow viewer's frames grow old in the kernel); "
                    + "on native epoll the kernel sizes it and TCP_NOTSENT_LOWAT bounds what waits unsent.")
    int sendBufferBytes;

    @Option(names = "--variant-widths", paramLabel = "W", split = ",", defaultValue = "320,480,640,800,960,1280",
            description = "Widths that ?width= (and /liveWxH.jpeg) snap down to; resized variants are made only at these sizes.")
    List<Integer> variantWidths;

    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Longest silence before a camera counts as stale; one that usually sends faster is stale after 3 missed intervals (at least 1s).")
    Duration staleAfter;

    @Option(names = "--transport", paramLabel = "auto|nio", defaultValue = "auto",
            description = "Network transport: auto takes native epoll where it loads (Linux x86_64 and aarch64; viewers' unsent bytes "
                    + "stay bounded without capping their throughput), else Java NIO with a warning; nio always takes NIO.")
    String transport;

    @Option(names = "--persist-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often changed latest frames are written to livecam.db (and once at shutdown).")
    Duration persistInterval;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:LIVECAM_ADMIN_TOKEN}",
            description = "Bearer token that adds, replaces and removes pulled cameras over PUT and DELETE /api/cameras/ID (env LIVECAM_ADMIN_TOKEN). Default: off, that API answers 403.")
    String adminToken;

    @Option(names = "--trust-proxy", paramLabel = "CIDR", split = ",",
            description = "A reverse proxy (an address or a CIDR such as 127.0.0.1/32 or ::1/128; repeatable) whose X-Forwarded-For names the client in logs; without one, the peer's address is the client's.")
    List<String> trustProxy = new ArrayList<>();

    @Option(names = "--users", paramLabel = "FILE",
            description = {"Users who may sign in: an Apache htpasswd file with bcrypt hashes (htpasswd -B, or 'livecam users add').",
                "Read again when it changes. See docs/SECURITY.md. Default: none (no sign-in)."})
    Path usersFile;

    @Option(names = "--admins", paramLabel = "NAME", split = ",", defaultValue = "${env:LIVECAM_ADMINS}",
            description = {"Users of --users who are admins (comma-separated or repeated; env LIVECAM_ADMINS): signed in with Basic or /login,",
                "they may add and remove cameras (PUT/DELETE /api/cameras/ID) and read /metrics, as the tokens may. Default: none."})
    List<String> admins = new ArrayList<>();

    @Option(names = "--access", paramLabel = "public|private", defaultValue = "public",
            description = "Who may watch a camera that sets no 'access' of its own in the config file: everyone, or signed-in users (needs --users).")
    String access;

    @Option(names = "--redis", paramLabel = "URL", defaultValue = "${env:LIVECAM_REDIS}",
            description = {"Share cameras with other nodes through Redis (env LIVECAM_REDIS):",
                "redis://[user:password@]HOST:PORT[/DB], or rediss:// for TLS. Default: run alone. See docs/SCALING.md."})
    String redis;

    @Option(names = "--node", paramLabel = "NAME",
            description = "This node's name among the nodes sharing a Redis (shown in /api/cameras). Default: the host name and a random suffix.")
    String node;

    @Option(names = "--redis-heartbeat", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often a node announces its cameras and renews its leases; a node silent for 3 heartbeats counts as gone.")
    Duration redisHeartbeat;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS (and HTTP/2) on --port with this PEM certificate chain, e.g. certbot's "
                    + "/etc/letsencrypt/live/HOST/fullchain.pem. Needs --tls-key. A renewed file is served to new connections "
                    + "within seconds, without a restart. See docs/TLS.md. Default: off (plain HTTP).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM private key of --tls-cert (PKCS#8, or the RSA/EC forms openssl and certbot write), e.g. privkey.pem. Default: off.")
    Path tlsKey;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "0",
            description = "Connections served at once; past it a request gets 503 and its connection is closed. "
                    + "0: the open-file limit (ulimit -n) less 256. Connections that send no request head within 10 s, "
                    + "or sit idle for 60 s between requests, are closed; streams and WebSockets never are.")
    int maxConnections;

    @Option(names = "--metrics-token", paramLabel = "TOKEN", defaultValue = "${env:LIVECAM_METRICS_TOKEN}",
            description = "Bearer token that GET /metrics needs (env LIVECAM_METRICS_TOKEN). Default: none, /metrics is open.")
    String metricsToken;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:LIVECAM_LOG_FORMAT:-text}",
            description = "text: one line per event; json: one JSON object per line, for log shippers (env LIVECAM_LOG_FORMAT). Valid: ${COMPLETION-CANDIDATES}.")
    LogFormat logFormat;

    @Option(names = "--record", paramLabel = "ID",
            description = "Record this camera's frames under DIR/record/ID (repeatable); '*' records every camera. See docs/RECORDING.md. Default: none.")
    List<String> record = new ArrayList<>();

    @Option(names = "--record-every", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Least time between recorded frames; 0s keeps every frame.")
    Duration recordEvery;

    @Option(names = "--record-keep", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "How long recorded frames are kept; older ones are deleted and never served.")
    Duration recordKeep;

    @Option(names = "--record-max-bytes", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Most disk one camera's recordings may take, e.g. 20GB or 500MB. Default: no limit but --record-min-free.")
    Long recordMaxBytes;

    @Option(names = "--record-min-free", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = {"Free space recording leaves on its file system: below it the oldest recordings are deleted,",
                "then recording pauses (live viewing goes on). Default: the smaller of 1GB and 5%% of the file system."})
    Long recordMinFree;

    @Override
    public Integer call() throws Exception {
        logFormat.apply();
        ServerConfig config = config();
        LivecamServer.Prepared prepared;
        try {
            prepared = LivecamServer.prepare(config);
        } catch (LivecamServer.InvalidSourceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PublishToken.Resolved publishToken = PublishToken.resolve(token, config.dataDir());
        LivecamServer server;
        try {
            server = prepared.withToken(publishToken.token()).start();
        } catch (RuntimeException e) {
            PublishToken.forgetIfUnseen(publishToken); // never printed, so the next start prints a new one
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down: ending the streams, stopping the sources, saving the latest frames");
            server.close();
            log.info("Stopped");
            stopped.countDown();
            // SIGTERM or SIGINT asked for a clean stop and got one: exit 0, not the JVM's 128 + signal,
            // so that systemd and scripts see success (nothing else in livecam calls System.exit while serving).
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        // With JSON logs on stdout, the token's lines for people go to stderr: stdout stays one object per line.
        PublishToken.announce(publishToken, server.port(), logFormat == LogFormat.JSON ? System.err : System.out);
        String shown = "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
        log.info("livecam is serving on {}:{}; open {}://{}:{}/", bind, server.port(), tlsCert != null ? "https" : "http", shown, server.port());
        stopped.await();
        return 0;
    }

    /** The settings, with a stand-in token when none is given (the real one is kept in the data folder, read once it is ready). */
    ServerConfig config() {
        return config(PublishToken.isMissing(token) ? PublishToken.random() : token);
    }

    /** The settings from the flags, the file and the environment; a usage error for anything wrong but source specs. */
    ServerConfig config(String publishToken) {
        try {
            Optional<CameraConfig> demo = noDemo ? Optional.empty() : Optional.of(DemoCamera.of(demoCamera, demoSize, demoFps, idleTimeout));
            List<ConfigFile.CameraEntry> fileCameras = ((FileDefaults) spec.defaultValueProvider()).cameras(spec);
            List<CameraConfig> cameras = CameraList.merge(fileCameras, cameraFlags, idleTimeout, demo);
            HttpConfig http = HttpConfig.defaults(publishToken)
                    .withBind(bind)
                    .withPort(port)
                    .withPassword(password != null ? password : firstEnv("LIVECAM_PASSWORD", "PASSWORD"))
                    .withDefaultCamera(defaultCamera)
                    .withMaxFrameBytes(maxFrameBytes)
                    .withMaxFramePixels(maxFramePixels)
                    .withSnapshotWait(snapshotWait)
                    .withViewerQueueBytes(viewerQueueBytes)
                    .withSendBufferBytes(sendBufferBytes)
                    .withVariantWidths(variantWidths)
                    .withStaleAfter(staleAfter)
                    .withAdminToken(adminToken)
                    .withTrustProxy(trustProxy)
                    .withTransport(NetworkTransport.parse(transport))
                    .withTls(tls())
                    .withConnections(maxConnections == 0 ? ConnectionLimits.defaults() : ConnectionLimits.defaults().withMaxConnections(maxConnections))
                    .withMetricsToken(metricsToken == null || metricsToken.isEmpty() ? null : metricsToken);
            return new ServerConfig(http, data, persistInterval, cameras, idleTimeout,
                    AccessConfig.of(usersFile, AccessRule.parse(access), fileCameras).withAdmins(admins == null ? List.of()
                            : admins.stream().map(String::trim).filter(name -> !name.isEmpty()).toList()),
                    clusterConfig(), recordConfig());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Null without --redis: the server runs alone and no Redis code runs. */
    private ClusterConfig clusterConfig() {
        if (redis == null || redis.isBlank()) {
            return null;
        }
        String name = node != null ? node : ClusterConfig.defaultNodeName();
        return ClusterConfig.of(RedisAddress.parse(redis), name).withHeartbeat(redisHeartbeat);
    }

    private TlsFiles tls() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException("HTTPS needs both --tls-cert FILE and --tls-key FILE");
        }
        return new TlsFiles(tlsCert, tlsKey);
    }

    /** --record and its options, and the file's cameras with their own {@code record:} keys. */
    private RecordConfig recordConfig() {
        for (String id : record) {
            if (!id.equals(RecordConfig.ALL) && !CameraId.isValid(id)) {
                throw new IllegalArgumentException("--record " + id + ": a camera id must be " + CameraId.RULE + ", or '*' for every camera");
            }
        }
        RecordPolicy defaults = new RecordPolicy(recordEvery, recordKeep, recordMaxBytes == null ? 0 : recordMaxBytes);
        Map<String, RecordPolicy> perCamera = new HashMap<>();
        for (ConfigFile.CameraEntry camera : ((FileDefaults) spec.defaultValueProvider()).cameras(spec)) {
            ConfigFile.RecordKeys keys = camera.record();
            if (keys != null) {
                perCamera.put(camera.id(), new RecordPolicy(keys.every() != null ? keys.every() : defaults.every(),
                        keys.keep() != null ? keys.keep() : defaults.keep(), keys.maxBytes() != null ? keys.maxBytes() : defaults.maxBytes()));
            }
        }
        return new RecordConfig(Set.copyOf(record), defaults, perCamera, recordMinFree == null ? -1 : recordMinFree);
    }

    private static String firstEnv(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** The --config file fills every option but --camera (its cameras go under {@code cameras:}). */
    static final class FileDefaults extends ConfigFileDefaults {
        FileDefaults() {
            super("--config", Set.of("--camera"));
        }
    }
}
