package org.livecam.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started: TERM to the whole tree (children are listed
 * first, while they can still be found through their parent), then KILL to whatever is left
 * after a grace period. Children of a shell or a wrapper script would be orphaned otherwise.
 */
final class ProcessTree {
    static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessTree() {
    }

    /** Sends TERM to {@code root} and its descendants and returns at once; KILL follows after the grace period. */
    static CompletableFuture<Void> terminate(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(exits)
                .completeOnTimeout(null, GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly));
    }

    /** Like {@link #terminate} but waits until the tree is gone (at most the grace period and a second). */
    static void stop(ProcessHandle root) {
        CompletableFuture<Void> done = terminate(root);
        try {
            done.get(GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // timed out: KILL has been sent; nothing more we can do
        }
    }
}
