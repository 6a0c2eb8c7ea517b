package org.livecam.source;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Finds the commands this JVM started, and waits for conditions without fixed sleeps. */
final class Processes {
    private Processes() {
    }

    /** Live descendants of this JVM whose command line mentions {@code tag}. */
    static List<ProcessHandle> withTag(String tag) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(tag)).orElse(false))
                .toList();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
