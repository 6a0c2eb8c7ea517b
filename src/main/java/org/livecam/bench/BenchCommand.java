package org.livecam.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.livecam.config.DurationConverter;
import org.livecam.frame.CameraId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livecam bench}: load a running server with one publishing camera and many viewers, and
 * report what the viewers got. Start the server first; give {@code --server-pid} so its CPU and
 * memory are in the report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Load a running livecam server: one camera publishing stamped JPEGs, many viewers on non-blocking sockets.",
                "Reports per-viewer fresh fps, MB/s, publish-to-viewer latency, slow viewers' frame age, and CPU/RSS of the server and of this tool."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "Base URL of the server under load.")
    URI server;

    @Option(names = "--token", defaultValue = "${env:LIVECAM_TOKEN}", description = "The server's publish token (env LIVECAM_TOKEN).")
    String token;

    @Option(names = "--camera", defaultValue = "bench", description = "Camera id to publish to and watch.")
    String camera;

    @Option(names = "--protocol", defaultValue = "mjpeg",
            description = {"How viewers watch:", "mjpeg: GET /cameras/{id}/stream.mjpg;",
                "ws: GET /cameras/{id}/ws, one binary message per frame (a server without that route fails every viewer with its 404)."})
    BenchSettings.Protocol protocol;

    @Option(names = "--width", paramLabel = "W|auto",
            description = {"Viewers ask for the resized variant of this width (?width=W on the stream or socket), so the server resizes each frame; its JPEGs carry no bench stamp, so latency is not measured.",
                "auto: ?width=auto, each viewer gets the size its link holds (slow viewers at --slow-rate); the report says which sizes fast and slow viewers got (MJPEG)."})
    String variantWidth;

    @Option(names = "--height", paramLabel = "H", description = "Viewers ask for the resized variant of this height (?height=H), alone or with --width.")
    Integer variantHeight;

    @Option(names = "--viewers", defaultValue = "100", description = "Viewers reading at full speed.")
    int viewers;

    @Option(names = "--fps", defaultValue = "30", description = "Frames per second the publisher sends.")
    double fps;

    @Option(names = "--publish-window", defaultValue = "4",
            description = "Publish requests in flight (HTTP/1.1 pipelining); a frame due while all are unanswered is skipped. 1: wait for each answer, as a simple uploader does.")
    int publishWindow;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720", description = "Size of the published frames.")
    String size;

    @Option(names = "--frames", defaultValue = "30", description = "Distinct frames encoded before the run and sent in a ring.")
    int ringFrames;

    @Option(names = "--quality", defaultValue = "0.8", description = "JPEG quality of those frames (0 to 1).")
    float quality;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class, description = "How long to measure.")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Time after the viewers are opened before measuring starts.")
    Duration warmup;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class, description = "How often to print a progress line.")
    Duration progress;

    @Option(names = "--slow-viewers", defaultValue = "0", description = "Extra viewers that read no faster than --slow-rate.")
    int slowViewers;

    @Option(names = "--slow-rate", paramLabel = "RATE", defaultValue = "200KB/s", converter = ByteRateConverter.class,
            description = "Read rate of a slow viewer: 200KB/s, 1MB/s, 512KiB/s (KB = 1000 bytes).")
    long slowRate;

    @Option(names = "--slow-receive-buffer", defaultValue = "16384",
            description = "SO_RCVBUF of a slow viewer in bytes (0: system default). Small, as on a real slow link, where bytes wait at the sender, not the viewer.")
    int slowReceiveBuffer;

    @Option(names = "--stall-viewers", defaultValue = "0",
            description = "Extra viewers that stop reading once, for --stall-for from the start of the measured window, then read at full speed: their fresh fps after the stall shows whether the server gives them their full rate back.")
    int stallViewers;

    @Option(names = "--stall-for", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long a --stall-viewers viewer stops reading; shorter than --duration.")
    Duration stallFor;

    @Option(names = "--same-frame",
            description = "Publish one byte-identical frame again and again (a still scene from a camera that re-sends it): the report says how many parts each viewer got.")
    boolean sameFrame;

    @Option(names = "--viewer-threads", defaultValue = "2", description = "Threads driving the viewers (each a java.nio Selector).")
    int viewerThreads;

    @Option(names = "--server-pid", paramLabel = "PID", description = "Process id of the server, to report its CPU and RSS from /proc.")
    Long serverPid;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "With an https:// --server: PEM certificate(s) of a private CA to trust (default: the JDK's CAs).")
    java.nio.file.Path ca;

    @Option(names = "--view-server", paramLabel = "URL", split = ",",
            description = {"Base URL(s) of other nodes of a cluster (--redis) for the viewers, comma-separated or repeated: viewer i watches on the i-th mod n.",
                "The publisher stays on --server; latency is still publish to whole frame at a viewer. The report adds a line per view server."})
    java.util.List<URI> viewServers;

    @Option(names = "--watch-pid", paramLabel = "NAME=PID",
            description = "Another process to report CPU and RSS of, from /proc (repeatable): the other nodes, redis-server (e.g. --watch-pid b=4321 --watch-pid redis=1234).")
    java.util.List<String> watchPids;

    @Option(names = "--soak", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"A long run instead of a measurement (needs --server-pid): --cameras publish at --fps (--size, --frames) while --viewers watch "
                    + "(in turn: MJPEG, WebSocket, ?width=320 on each, MJPEG ?width=auto, snapshot.jpg?after= long polls). "
                    + "Every --soak-interval a line gives the server's RSS (/proc/PID/status VmRSS), direct memory (jvm_buffer_memory_used_bytes{id=\"direct\"} "
                    + "from its /metrics), open files (/proc/PID/fd), threads, CPU, the load average, and viewers joined/left and frames published.",
                "At the end it exits 1 when a figure kept growing after --soak-warmup: RSS when the median of the last third of the samples is more than 10 % "
                    + "above the first sample; direct memory, open files and threads when that median is above the first third's median by more than "
                    + "max(10 %, 16 MB), max(5 %, 16) and max(5 %, 4). Also when fewer than 3 samples come after warm-up."})
    Duration soak;

    @Option(names = "--soak-interval", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
            description = "With --soak: how often to sample the server and print a line.")
    Duration soakInterval;

    @Option(names = "--soak-warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --soak: samples before this are printed but not judged. Default: a fifth of --soak, at least one --soak-interval.")
    Duration soakWarmup;

    @Option(names = "--churn",
            description = "With --soak: viewers leave after 1 s to min(20 s, --soak-interval) and others join; each camera stops publishing after one to two "
                    + "--soak-interval (it goes idle, then offline) and a camera with a new id starts. Without it viewers and cameras stay the whole run.")
    boolean churn;

    @Option(names = "--cameras", defaultValue = "4", description = "With --soak: cameras publishing at once.")
    int cameras;

    @Option(names = "--metrics-token", paramLabel = "TOKEN", defaultValue = "${env:LIVECAM_METRICS_TOKEN}",
            description = "With --soak: the server's --metrics-token, to read direct memory from its /metrics (env LIVECAM_METRICS_TOKEN).")
    String metricsToken;

    private BenchResult result;
    private ClusterReport cluster = ClusterReport.empty();
    private Soak soakRun;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2 || !wh[0].matches("\\d{2,5}") || !wh[1].matches("\\d{2,5}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must look like 1280x720");
        }
        if (!CameraId.isValid(camera)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--camera must be " + CameraId.RULE);
        }
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token (or LIVECAM_TOKEN) is needed to publish");
        }
        if (soak != null) {
            return soak(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        }
        if (stallViewers < 0 || (stallViewers > 0 && stallFor.compareTo(duration) >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stall-viewers must be 0 or more, and --stall-for shorter than --duration");
        }
        if (viewers < 0 || slowViewers < 0 || viewers + slowViewers + stallViewers == 0 || fps <= 0 || viewerThreads < 1 || ringFrames < 1 || publishWindow < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need at least one viewer, a positive --fps, --viewer-threads and --frames");
        }
        if ((variantWidth != null && !variantWidth.equals("auto") && !variantWidth.matches("0*[1-9]\\d{0,4}"))
                || (variantHeight != null && variantHeight < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be a positive number or auto, --height positive");
        }
        BenchSettings settings = new BenchSettings(server, token, camera, protocol, variantWidth, variantHeight, viewers, fps, publishWindow,
                Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), ringFrames, quality, duration, warmup, progress,
                slowViewers, slowRate, slowReceiveBuffer, viewerThreads, serverPid, stallViewers, stallFor, sameFrame);
        BenchTls tls = "https".equalsIgnoreCase(server.getScheme()) ? BenchTls.trusting(ca) : BenchTls.none();
        Bench bench = new Bench(settings, System.out, tls, viewServers(tls), watched());
        result = bench.run();
        result.print(System.out);
        cluster = bench.cluster();
        cluster.print(System.out);
        return result.viewersConnected() > 0 ? 0 : 1;
    }

    private int soak(int width, int height) throws Exception {
        if (serverPid == null || soak.isNegative() || soak.isZero() || soakInterval.isNegative() || soakInterval.isZero()
                || cameras < 1 || viewers < 1 || fps <= 0 || ringFrames < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--soak needs --server-pid, a positive --soak and --soak-interval, and at least one of --cameras and --viewers");
        }
        Duration warmupFor = soakWarmup != null ? soakWarmup : SoakSettings.defaultWarmup(soak, soakInterval);
        SoakSettings settings = new SoakSettings(server, token, metricsToken, serverPid, soak, soakInterval, warmupFor, churn,
                cameras, viewers, fps, width, height, ringFrames, quality);
        soakRun = new Soak(settings, spec.commandLine().getOut(), "https".equalsIgnoreCase(server.getScheme()) ? BenchTls.trusting(ca) : BenchTls.none());
        return soakRun.run();
    }

    /** The last soak run, for callers that run the command in process (tests); null when none ran. */
    Soak soakRun() {
        return soakRun;
    }

    /** The numbers of the last run, for callers that run the command in process (tests). */
    public BenchResult result() {
        return result;
    }

    /** The per-view-server and per-watched-process numbers of the last run. */
    ClusterReport cluster() {
        return cluster;
    }

    /** --view-server, checked: absolute URLs of --server's scheme (one TLS setting for every viewer). */
    private ViewServers viewServers(BenchTls tls) {
        if (viewServers == null || viewServers.isEmpty()) {
            return ViewServers.only(server, tls.on());
        }
        for (URI url : viewServers) {
            if (url.getHost() == null || url.getScheme() == null || !url.getScheme().equalsIgnoreCase(server.getScheme())) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--view-server needs URLs such as " + server.getScheme() + "://HOST:PORT, of --server's scheme, not '" + url + "'");
            }
        }
        return ViewServers.spread(viewServers, tls.on());
    }

    private WatchedProcesses watched() {
        try {
            return watchPids == null ? WatchedProcesses.none() : WatchedProcesses.parse(watchPids);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Reads 200KB/s, 1.5MB/s, 512KiB/s or a bare number of bytes per second. */
    static final class ByteRateConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("/s$", "");
            long unit = 1;
            for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"kb", "1000"}, {"mb", "1000000"}, {"b", "1"}}) {
                if (v.endsWith(suffix[0])) {
                    unit = Long.parseLong(suffix[1]);
                    v = v.substring(0, v.length() - suffix[0].length()).trim();
                    break;
                }
            }
            try {
                long rate = (long) (Double.parseDouble(v) * unit);
                if (rate <= 0) {
                    throw new NumberFormatException();
                }
                return rate;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a rate such as 200KB/s or 1MB/s");
            }
        }
    }
}
