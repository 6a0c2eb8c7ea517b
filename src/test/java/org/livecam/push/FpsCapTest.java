package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code --fps} on a clock the test moves: no time passes. */
class FpsCapTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sleptMillis = new ArrayList<>();
    private final FpsCap.Sleeper sleeper = nanos -> {
        sleptMillis.add(TimeUnit.NANOSECONDS.toMillis(nanos));
        now.addAndGet(nanos);
    };

    @Test
    void fiveFpsTakesAFrameEvery200Milliseconds() throws InterruptedException {
        FpsCap cap = new FpsCap(5, now::get, sleeper);
        List<Long> takenAtMillis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cap.awaitTurn();
            takenAtMillis.add(TimeUnit.NANOSECONDS.toMillis(now.get()) - 1000);
            cap.taken();
        }
        assertThat(takenAtMillis).containsExactly(0L, 200L, 400L, 600L, 800L, 1000L);
    }

    @Test
    void timeSpentSendingCountsTowardsTheWait() throws InterruptedException {
        FpsCap cap = new FpsCap(5, now::get, sleeper);
        cap.awaitTurn();
        cap.taken();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150)); // the upload took 150 ms
        cap.awaitTurn();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300)); // and the next one longer than a turn
        cap.taken();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
        cap.awaitTurn();
        assertThat(sleptMillis).containsExactly(50L);
    }

    @Test
    void noCapNeverWaits() throws InterruptedException {
        FpsCap cap = new FpsCap(0, now::get, sleeper);
        for (int i = 0; i < 100; i++) {
            cap.awaitTurn();
            cap.taken();
        }
        assertThat(sleptMillis).isEmpty();
    }
}
