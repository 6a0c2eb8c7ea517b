package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a renewed certificate without a restart: every {@link #CHECK_EVERY} it looks at the
 * certificate and key files (inode, size and modification time, following certbot's symlinks)
 * and, when either changed and the two form a good pair, hands them to the running server, so
 * new connections get the new certificate; open ones keep the one they began with. A pair
 * caught half-written (certbot replaces the two files one after the other) fails the check and
 * is tried again at the next tick, with one warning per new problem. Runs on one event loop
 * (a stat per file per tick; the files are read only when they changed); stops with Vert.x.
 */
final class CertificateReloader {
    static final Duration CHECK_EVERY = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final HttpServer server;
    private final ServerSSLOptions sslOptions;
    private final TlsFiles files;
    private TlsFiles.Loaded serving;
    private List<Object> servingStamp;
    private String lastProblem;
    private boolean updating;

    private CertificateReloader(HttpServer server, ServerSSLOptions sslOptions, TlsFiles files, TlsFiles.Loaded serving) {
        this.server = server;
        this.sslOptions = sslOptions;
        this.files = files;
        this.serving = serving;
        this.servingStamp = stamp();
    }

    /** Starts watching {@code files}; {@code serving} is what the server was started with. */
    static void start(Vertx vertx, HttpServer server, ServerSSLOptions sslOptions, TlsFiles files, TlsFiles.Loaded serving) {
        CertificateReloader reloader = new CertificateReloader(server, sslOptions, files, serving);
        vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> reloader.check());
    }

    private void check() {
        List<Object> stamp = stamp();
        if (updating || stamp.equals(servingStamp)) {
            return;
        }
        TlsFiles.Loaded loaded;
        try {
            loaded = files.load();
        } catch (TlsFiles.UnusableException e) {
            problem(e.getMessage());
            return;
        }
        lastProblem = null;
        if (loaded.sameAs(serving)) {
            servingStamp = stamp; // touched, not changed
            return;
        }
        updating = true;
        server.updateSSLOptions(sslOptions.copy().setKeyCertOptions(loaded.options()), true)
                .onSuccess(updated -> {
                    serving = loaded;
                    servingStamp = stamp;
                    log.info("Serving the renewed certificate to new connections: {}", loaded.describe());
                })
                .onFailure(e -> problem(String.valueOf(e.getMessage())))
                .onComplete(done -> updating = false);
    }

    /** What identifies the files' present contents without reading them; a missing file has its own stamp. */
    private List<Object> stamp() {
        return List.of(stamp(files.certFile()), stamp(files.keyFile()));
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return List.of(key != null ? key : "", attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            log.warn("The certificate files changed but cannot be served ({}); still serving {}", message, serving.describe());
        }
    }
}
