package org.livecam;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.livecam.config.CameraConfig;
import org.livecam.config.ConfigFile;
import org.livecam.config.DurationConverter;
import org.livecam.frame.CameraId;
import org.livecam.http.HttpConfig;
import org.livecam.source.SourceSpecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livecam serve}: the server that cameras feed and viewers watch. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
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
    // Flags that make no sense inside the file itself.
    private static final Set<String> NOT_IN_FILE = Set.of("config", "camera", "help", "version");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A livecam.yml with server options and the cameras to pull (see below and docs/CONFIG.md).")
    Path configFile;

    @Option(names = "--camera", paramLabel = "ID=SPEC",
            description = "A camera the server pulls itself, on demand (repeatable), e.g. door=exec:ffmpeg -i rtsp://cam/stream -f mjpeg -")
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
            description = "Bearer token that publishes frames (env LIVECAM_TOKEN). Without one, a random token is made and printed once.")
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

    @Option(names = "--snapshot-wait", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest a snapshot with ?after=SEQ waits for a newer frame.")
    Duration snapshotWait;

    @Option(names = "--viewer-queue-bytes", defaultValue = "65536",
            description = "Bytes queued in the server for one viewer before it counts as busy and skips to the newest frame.")
    int viewerQueueBytes;

    @Option(names = "--send-buffer-bytes", defaultValue = "65536",
            description = "Kernel send buffer per connection (0: system default, which lets a slow viewer's frames grow old in the kernel).")
    int sendBufferBytes;

    @Option(names = "--variant-widths", paramLabel = "W", split = ",", defaultValue = "320,480,640,800,960,1280",
            description = "Widths that ?width= (and /liveWxH.jpeg) snap down to; resized variants are made only at these sizes.")
    java.util.List<Integer> variantWidths;

    @Option(names = "--persist-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often changed latest frames are written to livecam.db (and once at shutdown).")
    Duration persistInterval;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        LivecamServer server = LivecamServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down; saving the latest frames");
            server.close();
            stopped.countDown();
        }, "shutdown"));
        String shown = "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
        log.info("livecam is serving on {}:{}; open http://{}:{}/", bind, server.port(), shown, server.port());
        stopped.await();
        return 0;
    }

    ServerConfig config() {
        List<ConfigFile.CameraEntry> fileCameras = configFile == null ? List.of() : applyConfigFile();
        if (!CameraId.isValid(defaultCamera) || !CameraId.isValid(demoCamera)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "camera ids must be 1 to 64 of a-z, 0-9, _ and -");
        }
        String[] size = demoSize.toLowerCase().split("x");
        if (size.length != 2 || !size[0].matches("\\d{2,5}") || !size[1].matches("\\d{2,5}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--demo-size must look like 1280x720");
        }
        String publishToken = token;
        if (publishToken == null || publishToken.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            publishToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Printed once to the console, never through the logger, so it stays out of log files.
            System.out.println("No --token given. This run's publish token: " + publishToken);
            System.out.println("  curl -H 'Authorization: Bearer " + publishToken + "' --data-binary @photo.jpg http://localhost:" + port + "/cameras/mycam/frame");
        }
        String uploadPassword = password != null ? password : firstEnv("LIVECAM_PASSWORD", "PASSWORD");
        try {
            HttpConfig http = new HttpConfig(bind, port, publishToken, uploadPassword, defaultCamera, maxFrameBytes,
                    snapshotWait, viewerQueueBytes, sendBufferBytes, variantWidths);
            return new ServerConfig(http, data, !noDemo, demoCamera, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                    demoFps, persistInterval, cameras(fileCameras));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Sets every option the file gives and the command line does not; returns the file's cameras. */
    private List<ConfigFile.CameraEntry> applyConfigFile() {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName().replaceFirst("^--", "");
            if (!NOT_IN_FILE.contains(name)) {
                byName.put(name, option);
            }
        }
        ConfigFile.Contents contents;
        try {
            contents = ConfigFile.read(configFile, byName.keySet());
        } catch (ConfigFile.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        contents.options().forEach((name, setting) -> {
            OptionSpec option = byName.get(name);
            if (given != null && given.hasMatchedOption(option)) {
                return; // the flag wins
            }
            option.setValue(convert(name, setting, option.arity().max() == 0));
        });
        return contents.cameras();
    }

    /** Converts a file value exactly as picocli converts the flag, so both accept the same text. */
    private Object convert(String name, ConfigFile.Setting setting, boolean isSwitch) {
        String where = configFile + " line " + setting.line() + ": " + name + ": ";
        List<String> args = new ArrayList<>();
        if (isSwitch) {
            if (!setting.value().equals("true") && !setting.value().equals("false")) {
                throw new CommandLine.ParameterException(spec.commandLine(), where + "must be true or false");
            }
            if (setting.value().equals("true")) {
                args.add("--" + name);
            }
        } else {
            args.add("--" + name);
            args.add(setting.value());
        }
        CommandLine scratch = new CommandLine(new ServeCommand());
        try {
            scratch.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), where + e.getMessage());
        }
        return scratch.getCommandSpec().findOption(name).getValue();
    }

    /** The file's cameras, then --camera flags (a flag replaces the source of a file camera with its id). */
    private List<CameraConfig> cameras(List<ConfigFile.CameraEntry> fileCameras) {
        Map<String, CameraConfig> byId = new LinkedHashMap<>();
        try {
            for (ConfigFile.CameraEntry entry : fileCameras) {
                byId.put(entry.id(), entry.withDefaultIdle(idleTimeout));
            }
            for (String flag : cameraFlags) {
                int eq = flag.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--camera must look like ID=SPEC, e.g. door=exec:ffmpeg ...");
                }
                String id = flag.substring(0, eq);
                CameraConfig existing = byId.get(id);
                byId.put(id, new CameraConfig(id, flag.substring(eq + 1), existing != null && existing.alwaysOn(),
                        existing != null ? existing.idleTimeout() : idleTimeout));
            }
            for (CameraConfig camera : byId.values()) {
                try {
                    SourceSpecs.parse(camera.source(), Clock.systemUTC()); // fail now, before anything starts
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("camera " + camera.id() + ": " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return List.copyOf(byId.values());
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
}
