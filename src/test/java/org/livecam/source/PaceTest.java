package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fps cap of the test pattern, folders and polled cameras, counted on a clock the test moves. */
class PaceTest {
    private long now = 1_000_000;

    private Pace pace(double fps) {
        return new Pace(fps, () -> now, nanos -> now += nanos);
    }

    @Test
    void workThatTakesPartOfAPeriodDoesNotSlowTheRate() throws Exception {
        Pace pace = pace(10);
        long start = now;
        int ticks = 0;
        while (now - start < Duration.ofSeconds(3).toNanos()) {
            now += Duration.ofMillis(30).toNanos(); // the frame's work
            pace.awaitNextTick();
            ticks++;
        }
        assertThat(ticks).isEqualTo(30);
    }

    @Test
    void loopThatFellBehindGoesOnFromNowWithoutABurst() throws Exception {
        Pace pace = pace(10);
        now += Duration.ofSeconds(1).toNanos(); // one slow frame, ten periods long
        pace.awaitNextTick();
        long resumed = now;
        pace.awaitNextTick();
        assertThat(now - resumed).as("the next tick waits a whole period").isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void interruptedLoopStopsEvenWhenItIsLate() {
        Pace pace = pace(10);
        now += Duration.ofSeconds(1).toNanos();
        Thread.currentThread().interrupt();
        try {
            pace.awaitNextTick();
            throw new AssertionError("no InterruptedException");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
