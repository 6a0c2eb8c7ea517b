package org.livecam.record;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;

/**
 * The recorder watching one camera: keeps a frame at most every {@code every} and hands it to
 * the recorder's queue. Watches for nobody in the audience (it keeps a pulled source running,
 * as a recording needs). {@link #offer} runs on the publisher's thread and never blocks.
 */
final class CameraTap implements Viewer {
    private final Archive archive;
    private final long everyMillis;
    private final Recorder recorder;
    private final LongAdder dropped = new LongAdder();
    private long lastTaken = Long.MIN_VALUE;

    CameraTap(Archive archive, Duration every, Recorder recorder) {
        this.archive = archive;
        this.everyMillis = every.toMillis();
        this.recorder = recorder;
    }

    @Override
    public void offer(Frame frame) {
        if (frame.restored()) {
            return; // kept from an earlier run: recorded then, or never live
        }
        long time = frame.receivedAt().toEpochMilli();
        synchronized (this) { // publishers of one camera may race
            if (lastTaken != Long.MIN_VALUE && time - lastTaken < everyMillis) {
                return;
            }
            if (!recorder.enqueue(archive, frame)) {
                dropped.increment();
                return;
            }
            lastTaken = time;
        }
    }

    @Override
    public int audience() {
        return 0;
    }

    long dropped() {
        return dropped.sum();
    }
}
