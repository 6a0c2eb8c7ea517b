package org.livecam.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, so tests wait for what they mean instead of a fixed sleep. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails saying {@code what} after {@code limit}. */
    public static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50); // the poll interval, the one wait every awaiting test shares
        }
    }
}
