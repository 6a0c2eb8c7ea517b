package org.livecam.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a command's stderr to the log on its own thread, rate-limited: a burst of a few lines,
 * then at most one a second, with a count of the lines left out (ffmpeg alone can print a
 * progress line per frame). Credentials in URLs are hidden. Keeps the last line, for the
 * message that says why the command failed.
 */
final class StderrLog implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StderrLog.class);
    private static final int BURST = 5;
    private static final long REFILL_NANOS = 1_000_000_000L;

    private final String name;
    private final InputStream stderr;
    private volatile String lastLine;
    private Thread thread;

    StderrLog(String name, InputStream stderr) {
        this.name = name;
        this.stderr = stderr;
    }

    static StderrLog start(String name, InputStream stderr) {
        StderrLog copier = new StderrLog(name, stderr);
        Thread thread = new Thread(copier, "stderr " + name);
        thread.setDaemon(true);
        copier.thread = thread;
        thread.start();
        return copier;
    }

    /** Waits a little for the rest of stderr once the process is gone, so the last line is really the last. */
    void awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** The last non-blank line the command wrote to stderr, or null. */
    String lastLine() {
        return lastLine;
    }

    @Override
    public void run() {
        double tokens = BURST;
        long lastRefill = System.nanoTime();
        long suppressed = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                line = Secrets.redact(line.strip());
                lastLine = line;
                long now = System.nanoTime();
                tokens = Math.min(BURST, tokens + (double) (now - lastRefill) / REFILL_NANOS);
                lastRefill = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    if (suppressed > 0) {
                        log.info("{}: {} ({} line(s) left out)", name, line, suppressed);
                        suppressed = 0;
                    } else {
                        log.info("{}: {}", name, line);
                    }
                } else {
                    suppressed++;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        if (suppressed > 0) {
            log.info("{}: {} more line(s) left out", name, suppressed);
        }
    }
}
