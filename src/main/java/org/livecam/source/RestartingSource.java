package org.livecam.source;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a source that can fail running: one {@link Attempt} at a time (a process, a
 * connection) on the source's own thread; when it ends, fails or stalls (no frame for
 * {@code stallAfter}), the next attempt follows after an exponential backoff with jitter
 * (from {@code initialBackoff}, doubling, capped at {@code maxBackoff}).
 *
 * <p>An outage is logged once when it begins and once when the first frame arrives again;
 * retries in between go to DEBUG. The sink hears of an outage once through
 * {@link FrameSink#sourceFailed}. {@link #stop} aborts the attempt and waits for its thread.
 */
final class RestartingSource implements FrameSource {
    private static final Logger log = LoggerFactory.getLogger(RestartingSource.class);
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** One try at reading a source: from launching or connecting until it ends. */
    interface Attempt {
        /** Delivers frames on the calling thread until the source ends (return) or fails (throw); returns soon after abort. */
        void run(FrameSink sink) throws Exception;

        /** Called from another thread: make {@link #run} return soon. Must not block. */
        void abort();
    }

    private final String description;
    private final Supplier<Attempt> attempts;
    private final Duration stallAfter;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private Thread thread;
    private volatile Thread running;
    private volatile Attempt current;
    private volatile long lastFrameNanos;
    private volatile String stallProblem;

    RestartingSource(String description, Supplier<Attempt> attempts, Duration stallAfter) {
        this(description, attempts, stallAfter, INITIAL_BACKOFF, MAX_BACKOFF);
    }

    RestartingSource(String description, Supplier<Attempt> attempts, Duration stallAfter, Duration initialBackoff, Duration maxBackoff) {
        this.description = description;
        this.attempts = attempts;
        this.stallAfter = stallAfter;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void start(FrameSink sink) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> loop(sink), "source " + description);
        thread.setDaemon(true);
        running = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            stopping = thread;
            thread = null;
            running = null;
        }
        if (stopping == null) {
            return;
        }
        Attempt attempt = current;
        if (attempt != null) {
            attempt.abort();
        }
        stopping.interrupt();
        if (stopping == Thread.currentThread()) {
            return; // stopped from its own sink: the loop ends when this call returns
        }
        try {
            stopping.join(ProcessTree.GRACE.toMillis() + 3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            log.warn("{} did not stop within {} s", description, ProcessTree.GRACE.toSeconds() + 3);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private void loop(FrameSink sink) {
        Thread me = Thread.currentThread();
        Outage outage = new Outage(sink);
        Duration delay = initialBackoff;
        while (running == me) {
            long startedNanos = System.nanoTime();
            String problem = runOnce(outage);
            if (running != me) {
                return;
            }
            if (outage.framesThisAttempt > 0 && System.nanoTime() - startedNanos > maxBackoff.toNanos()) {
                delay = initialBackoff; // it had been healthy for a while: a new outage starts small
            }
            outage.failed(problem, delay);
            long sleepMillis = delay.toMillis() / 2 + ThreadLocalRandom.current().nextLong(delay.toMillis() / 2 + 1);
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                continue; // stop(), or a late abort of the last attempt: the loop condition decides
            }
            delay = delay.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : delay.multipliedBy(2);
        }
    }

    /** Runs one attempt under the stall watchdog; returns why it ended. */
    private String runOnce(Outage outage) {
        Thread.interrupted(); // an abort aimed at the previous attempt must not hit this one
        Attempt attempt = attempts.get();
        current = attempt;
        stallProblem = null;
        lastFrameNanos = System.nanoTime();
        outage.framesThisAttempt = 0;
        ScheduledFuture<?> watchdog = null;
        if (!stallAfter.isZero()) {
            long period = Math.max(100, Math.min(1000, stallAfter.toMillis() / 4));
            watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastFrameNanos > stallAfter.toNanos() && stallProblem == null) {
                    stallProblem = "no frame for " + seconds(stallAfter);
                    attempt.abort();
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }
        String problem;
        try {
            attempt.run(outage);
            problem = "the source ended";
        } catch (InterruptedException e) {
            problem = "interrupted";
        } catch (Exception | Error e) { // an Error too (say, out of direct memory): the loop must live on and retry
            problem = e.getMessage() != null ? e.getMessage() : e.toString();
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            current = null;
        }
        return stallProblem != null ? stallProblem : problem;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Counts frames and tells the sink and the log about an outage once. Source thread only. */
    private final class Outage implements FrameSink {
        private final FrameSink sink;
        private int failures;
        private long downSinceNanos;
        private long framesThisAttempt;

        Outage(FrameSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ByteBuffer jpeg) {
            lastFrameNanos = System.nanoTime();
            framesThisAttempt++;
            if (failures > 0) {
                log.info("{} recovered after {} failed attempt(s), {} without frames", description, failures,
                        seconds(Duration.ofMillis((System.nanoTime() - downSinceNanos) / 1_000_000)));
                failures = 0;
            }
            sink.accept(jpeg);
        }

        void failed(String problem, Duration nextDelay) {
            if (failures++ == 0) {
                downSinceNanos = System.nanoTime();
                log.warn("{} failed: {}; retrying with backoff up to {} (logged again when it recovers)",
                        description, problem, seconds(maxBackoff));
                sink.sourceFailed(problem);
            } else {
                log.debug("{} failed again ({} times): {}; next try in about {}", description, failures, problem, seconds(nextDelay));
            }
        }
    }
}
