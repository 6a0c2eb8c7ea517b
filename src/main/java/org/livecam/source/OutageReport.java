package org.livecam.source;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between an attempt and the real sink: counts frames and tells the log and the sink
 * about an outage once. It is logged when it begins (WARN) and when the first frame arrives
 * again (INFO); retries in between go to DEBUG. The sink hears of it once through
 * {@link FrameSink#sourceFailed}. Only the source's thread calls it.
 */
final class OutageReport implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(OutageReport.class);

    private final String description;
    private final Duration maxBackoff;
    private final FrameSink sink;
    private final Runnable onFrame;
    private int failures;
    private long downSinceNanos;
    private long framesThisAttempt;

    OutageReport(String description, Duration maxBackoff, FrameSink sink, Runnable onFrame) {
        this.description = description;
        this.maxBackoff = maxBackoff;
        this.sink = sink;
        this.onFrame = onFrame;
    }

    void attemptStarted() {
        framesThisAttempt = 0;
    }

    long framesThisAttempt() {
        return framesThisAttempt;
    }

    @Override
    public void accept(ByteBuffer jpeg) {
        onFrame.run();
        framesThisAttempt++;
        if (failures > 0) {
            log.info("{} recovered after {} failed attempt(s), {} without frames", description, failures,
                    seconds(Duration.ofNanos(System.nanoTime() - downSinceNanos)));
            failures = 0;
        }
        sink.accept(jpeg);
    }

    void failed(String problem, Duration nextWait) {
        sink.sourceRetrying();
        if (failures++ == 0) {
            downSinceNanos = System.nanoTime();
            log.warn("{} failed: {}; retrying with backoff up to {} (logged again when it recovers)",
                    description, problem, seconds(maxBackoff));
            sink.sourceFailed(problem);
        } else {
            log.debug("{} failed again ({} times): {}; next try in {}", description, failures, problem, seconds(nextWait));
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
