package org.livecam.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.livecam.config.DurationConverter;
import org.livecam.frame.CameraId;
import org.livecam.source.FrameSource;
import org.livecam.source.SourceSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code livecam push}: runs beside a camera and publishes its frames to a livecam server.
 * Runs until stopped (SIGTERM, Ctrl-C); meant to live under systemd (deploy/livecam-push.service).
 */
@Command(name = "push", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Publish a camera's frames to a livecam server, over one keep-alive HTTP connection or, with --transport ws, one WebSocket.",
            "Only the newest frame waits to be sent: a slow link sends fewer frames, never old ones. "
                    + "When the server or the network goes away it retries with backoff and resumes by itself. "
                    + "A refused token (401/403) is reported as a configuration error and retried every --auth-retry.",
            "",
            "Example (Raspberry Pi):",
            "  export LIVECAM_TOKEN=...",
            "  livecam push --server http://myserver:8080 --camera garden --fps 10 \\",
            "      'exec:rpicam-vid -t 0 -n --codec mjpeg -o -'"},
        footer = {"", "Runs until stopped. Exit status: 2 for a bad option, server URL, camera id or source; "
                + "143 when stopped by SIGTERM (the example systemd unit counts that as success)."})
public final class PushCommand implements Callable<Integer> {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = {"Base URL of the livecam server, e.g.", "http://myserver:8080 (frames go to URL/cameras/ID/frame)."})
    String server;

    @Option(names = "--camera", required = true, paramLabel = "ID", description = "Camera id on the server: " + CameraId.RULE + ".")
    String camera;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LIVECAM_TOKEN}", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The server's publish token. Default: the environment variable LIVECAM_TOKEN (safer than the command line, which other users can see).")
    String token;

    @Parameters(index = "0", paramLabel = "SOURCE",
            description = {"Where frames come from, e.g.", "test:?size=1280x720&fps=15,", "exec:COMMAND (a command writing MJPEG to stdout),",
                "http://... (an MJPEG camera),", "dir:PATH (a folder of JPEGs)."})
    String source;

    @Option(names = "--fps", defaultValue = "0", paramLabel = "FPS", description = "Most frames sent per second (0: as fast as the source and the link allow).")
    double fps;

    @Option(names = "--width", defaultValue = "0", paramLabel = "PIXELS",
            description = "Re-encode frames wider than this down to it, keeping the aspect ratio (0: keep the width).")
    int width;

    @Option(names = "--quality", defaultValue = "0", paramLabel = "1-100",
            description = "Re-encode at this JPEG quality (0: keep the source's bytes; with --width alone, " + FrameReencoder.DEFAULT_QUALITY + ").")
    int quality;

    @Option(names = "--stats-interval", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often to print a line of stats: fps captured and sent, dropped, KB/s, state, last error (0: never).")
    Duration statsInterval;

    @Option(names = "--retry-max", defaultValue = "1500ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait between attempts while the server is away (waits start at 0.5 s and double, with jitter); "
                    + "frames flow again at most this long after the server returns.")
    Duration retryMax;

    @Option(names = "--auth-retry", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait between attempts after the server refused the token.")
    Duration authRetry;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest a connect, or one upload, may take before it counts as a failure.")
    Duration timeout;

    @Option(names = "--transport", defaultValue = "http", paramLabel = "http|ws", converter = TransportConverter.class,
            description = "http: a POST per frame to URL/cameras/ID/frame. ws: one binary message per frame on one long-lived "
                    + "WebSocket, URL/cameras/ID/publish (less overhead per frame). Same retry and newest-frame-only rules.")
    PushConfig.Transport transport;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM certificate(s) of a private CA (or a self-signed server) to trust for an https:// --server. "
                    + "Without it the server's certificate must come from a public CA, as in a browser.")
    Path ca;

    @Override
    public Integer call() throws Exception {
        PushSession session = open();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            stopped.countDown();
        }, "push-shutdown"));
        stopped.await();
        return 0;
    }

    /** Checks the options and starts the session; a bad option is a ParameterException (exit 2). */
    PushSession open() {
        PushConfig config = config();
        FrameSource frames;
        try {
            frames = SourceSpecs.parse(source, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "SOURCE: " + e.getMessage());
        }
        // Known before the first try (a missing folder or program): said once, not retried forever.
        frames.startProblem().ifPresent(problem -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "SOURCE: " + problem);
        });
        return PushSession.start(frames, config, statsInterval);
    }

    PushConfig config() {
        if (!CameraId.isValid(camera)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--camera '" + camera + "' is not a camera id: use " + CameraId.RULE);
        }
        try {
            URI uri = PushConfig.serverUri(server);
            Duration firstRetry = retryMax.compareTo(FIRST_RETRY) < 0 ? retryMax : FIRST_RETRY;
            return new PushConfig(uri, camera, token, fps, width, quality, firstRetry, retryMax, authRetry, timeout, transport, ca);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Reads {@code http} or {@code ws} in any case, whatever the root command line allows for enums. */
    static final class TransportConverter implements CommandLine.ITypeConverter<PushConfig.Transport> {
        @Override
        public PushConfig.Transport convert(String value) {
            try {
                return PushConfig.Transport.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
