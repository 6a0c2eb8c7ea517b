package org.livecam.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a command's stderr to the log on its own thread, rate-limited: a burst of a few lines,
 * then at most one a second, with a count of the lines left out (ffmpeg alone can print a
 * progress line per frame). Credentials in URLs are hidden. Keeps the last line, for the
 * message that says why the command failed. Lines are cut at {@value #MAX_LINE_BYTES} bytes.
 */
final class StderrLog implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StderrLog.class);
    private static final int BURST = 5;
    private static final long REFILL_NANOS = 1_000_000_000L;
    static final int MAX_LINE_BYTES = 2000;

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

    /**
     * The next line, cut at {@value #MAX_LINE_BYTES} bytes (the rest of it is read and dropped), or
     * null at the end: a command that writes megabytes without a newline must not fill the heap.
     */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean cut = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && b != '\r') { // ffmpeg ends its progress lines with CR alone
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            } else {
                cut = true;
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return cut ? text + " [cut at " + MAX_LINE_BYTES + " bytes]" : text;
    }

    @Override
    public void run() {
        double tokens = BURST;
        long lastRefill = System.nanoTime();
        long suppressed = 0;
        try (InputStream in = new BufferedInputStream(stderr)) {
            String line;
            while ((line = readLine(in)) != null) {
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
