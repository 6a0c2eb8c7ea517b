package org.livecam.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Direct memory of frames nobody holds is given back long before the heap would need a collection. */
class DirectMemoryBudgetTest {
    private static final long MB = 1024 * 1024;

    @Test
    void aCameraPublishingFarMoreThanTheBudgetKeepsItsDirectMemoryNearTheBudget() {
        Camera camera = new Camera("budget", Clock.systemUTC());
        ByteBuffer jpeg = ByteBuffer.allocate(100 * 1024);
        long peak = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 6000; i++) { // 600 MB of frames at 100 MB/s, each dropped when the next comes
            camera.publish(jpeg.duplicate(), new Jpeg.Size(1280, 720));
            peak = Math.max(peak, DirectMemoryBudget.directBytesInUse());
            if (i % 10 == 9) { // the rate over real time is the subject: at most one collection a second
                LockSupport.parkNanos(start + (i + 1) * 1_000_000L - System.nanoTime());
            }
        }
        // The budget, what comes in the second between two collections, and the cleaner thread's lag.
        assertThat(peak / MB).as("peak direct memory in MB").isLessThan(DirectMemoryBudget.DEFAULT_BUDGET_BYTES * 3 / MB);
    }

    @Test
    void aCollectionIsAskedForOnlyAboveTheBudgetAndAtMostOnceASecond() {
        long[] now = {0};
        long[] inUse = {0};
        AtomicInteger collections = new AtomicInteger();
        DirectMemoryBudget budget = new DirectMemoryBudget(64 * MB, () -> inUse[0], collections::incrementAndGet, () -> now[0]);

        inUse[0] = 32 * MB;
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        assertThat(collections).as("under the budget").hasValue(0);

        inUse[0] = 96 * MB;
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES - 1);
        assertThat(collections).as("between checks").hasValue(0);
        budget.allocated(1);
        assertThat(collections).as("over the budget, at a check").hasValue(1);

        inUse[0] = 8 * MB; // the collection freed the garbage
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        inUse[0] = 96 * MB;
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        assertThat(collections).as("again within the second").hasValue(1);
        now[0] += 1_000_000_000L;
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        assertThat(collections).as("a second later").hasValue(2);
    }

    @Test
    void directMemoryStillInUseAfterACollectionRaisesTheLimitInsteadOfCollectingAgain() {
        long[] now = {0};
        long[] inUse = {100 * MB};
        AtomicInteger collections = new AtomicInteger();
        DirectMemoryBudget budget = new DirectMemoryBudget(64 * MB, () -> inUse[0], collections::incrementAndGet, () -> now[0]);

        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        assertThat(collections).hasValue(1);
        inUse[0] = 90 * MB; // live frames: the collection could free little
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        for (int second = 1; second <= 10; second++) {
            now[0] += 1_000_000_000L;
            inUse[0] = 90 * MB + second * 6 * MB;
            budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        }
        assertThat(collections).as("90 MB live + 60 MB grown stays under 90 + 64").hasValue(1);
        now[0] += 1_000_000_000L;
        inUse[0] = 160 * MB;
        budget.allocated(DirectMemoryBudget.CHECK_EVERY_BYTES);
        assertThat(collections).as("once grown by the budget past the survivors").hasValue(2);
    }

    @Test
    void theBudgetIsASixteenthOfTheDirectMemoryAllowedBetween16And128Megabytes() {
        assertThat(DirectMemoryBudget.budgetFor(256 * MB)).as("the recommended -XX:MaxDirectMemorySize=256m").isEqualTo(16 * MB);
        assertThat(DirectMemoryBudget.budgetFor(1024 * MB)).isEqualTo(64 * MB);
        assertThat(DirectMemoryBudget.budgetFor(64 * MB)).as("a small limit still leaves room").isEqualTo(16 * MB);
        assertThat(DirectMemoryBudget.budgetFor(6144 * MB)).as("the JVM's default on a big machine").isEqualTo(128 * MB);
        assertThat(DirectMemoryBudget.maxDirectBytes()).isPositive();
    }
}
