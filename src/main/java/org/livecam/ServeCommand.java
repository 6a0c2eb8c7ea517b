package org.livecam;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.livecam.frame.CameraId;
import org.livecam.http.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livecam serve}: the server that cameras feed and viewers watch. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Run the live-camera server: cameras publish JPEG frames, browsers watch them.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

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
        if (!CameraId.isValid(defaultCamera) || !CameraId.isValid(demoCamera)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "camera ids must be 1 to 64 of a-z, 0-9, _ and -");
        }
        String[] size = demoSize.toLowerCase().split("x");
        if (size.length != 2 || !size[0].matches("\\d{2,5}") || !size[1].matches("\\d{2,5}")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--demo-size must look like 1280x720");
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
        HttpConfig http = new HttpConfig(bind, port, publishToken, uploadPassword, defaultCamera, maxFrameBytes,
                snapshotWait, viewerQueueBytes, sendBufferBytes, variantWidths);
        return new ServerConfig(http, data, !noDemo, demoCamera, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                demoFps, persistInterval);
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
