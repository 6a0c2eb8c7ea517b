package org.livecam.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one restart loop of every source: a source says only how to make one {@link Attempt} (a
 * process, a connection, a pass over a folder); this runs one at a time on the source's own
 * thread, and when it ends, fails or stalls (no frame for {@code stallAfter}; zero turns that
 * off), the next follows after a {@link Backoff} wait.
 *
 * <p>Frames pass through a {@link FrameRateCap} at {@code maxFps} before the sink (a source that
 * paces itself passes infinity). An outage is told once to the log and to the sink ({@link OutageReport}). {@link #stop}
 * aborts the attempt and waits for the thread, so when it returns no frame follows and what the
 * attempt held (a process tree, a connection) is released; {@link #start} may follow again.
 */
abstract class RestartingSource implements FrameSource {
    private static final Logger log = LoggerFactory.getLogger(RestartingSource.class);
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = ProcessTree.GRACE.plusSeconds(3);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Duration stallAfter;
    private final double maxFps;
    private Thread thread; // guarded by this
    private volatile Thread running;
    private volatile Attempt current;
    private volatile long lastFrameNanos;
    private volatile String stallProblem;

    RestartingSource(Duration stallAfter, double maxFps) {
        if (!(maxFps > 0)) {
            throw new IllegalArgumentException("fps must be above 0: " + maxFps);
        }
        this.stallAfter = stallAfter;
        this.maxFps = maxFps;
    }

    /** The most frames a second passed on; infinite for a source that paces itself. */
    double maxFps() {
        return maxFps;
    }

    /** A fresh attempt, called on the source's thread before each try. */
    abstract Attempt newAttempt();

    @Override
    public final synchronized void start(FrameSink sink) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> loop(sink), "source " + describe());
        thread.setDaemon(true);
        running = thread;
        thread.start();
    }

    @Override
    public final void stop() {
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
            stopping.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            log.warn("{} did not stop within {} s", describe(), STOP_WAIT.toSeconds());
        }
    }

    private void loop(FrameSink sink) {
        Thread me = Thread.currentThread();
        // The cap sits behind the outage report: a frame it drops still proves the source alive.
        FrameSink capped = Double.isInfinite(maxFps) ? sink : new FrameRateCap(maxFps, describe(), sink, System::nanoTime);
        OutageReport outage = new OutageReport(describe(), MAX_BACKOFF, capped, () -> lastFrameNanos = System.nanoTime());
        Backoff backoff = new Backoff(INITIAL_BACKOFF, MAX_BACKOFF);
        while (running == me) {
            long startedNanos = System.nanoTime();
            String problem = runOnce(me, outage);
            if (running != me) {
                return;
            }
            if (outage.framesThisAttempt() > 0 && System.nanoTime() - startedNanos > MAX_BACKOFF.toNanos()) {
                backoff.reset(); // it had been healthy for a while: a new outage starts small
            }
            Duration wait = backoff.next();
            outage.failed(problem, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                // stop(), or a late abort of the last attempt: the loop condition decides
            }
        }
    }

    /** Runs one attempt under the stall watchdog; returns why it ended. */
    private String runOnce(Thread me, OutageReport outage) {
        Thread.interrupted(); // an abort aimed at the previous attempt must not hit this one
        Attempt attempt = newAttempt();
        current = attempt;
        // stop() clears running, then aborts current: read running after publishing current, so
        // a stop() that found no attempt to abort is seen here (both fields are volatile).
        if (running != me) {
            current = null;
            return "stopped";
        }
        stallProblem = null;
        lastFrameNanos = System.nanoTime();
        outage.attemptStarted();
        ScheduledFuture<?> watchdog = stallAfter.isZero() ? null : watch(attempt);
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
        if (stallProblem == null) {
            return problem;
        }
        String instead = attempt.noFrameReason(); // a stall says what came instead of frames, when the source can tell
        return instead == null ? stallProblem : stallProblem + " (" + instead + ")";
    }

    /** Aborts {@code attempt} once no frame came for {@code stallAfter}. */
    private ScheduledFuture<?> watch(Attempt attempt) {
        long period = Math.max(100, Math.min(1000, stallAfter.toMillis() / 4));
        return WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastFrameNanos > stallAfter.toNanos() && stallProblem == null) {
                stallProblem = "no frame for " + OutageReport.seconds(stallAfter);
                attempt.abort();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }
}
