package org.livecam.source;

/**
 * Whether this node runs a pulled camera's source now. Alone, a node runs it whenever it is
 * wanted here ({@link #ALONE}); when several nodes share cameras, exactly one node (the holder
 * of a lease) runs it while any node wants it. Asked by {@link SourceRunner} under its lock on
 * its scheduler: answers from what it already knows, never blocks. A gate that learns something
 * new calls {@link SourceRunner#recheck}.
 */
public interface SourceGate {
    /** Runs the source exactly when it is wanted here. */
    SourceGate ALONE = wantedHere -> wantedHere;

    /** {@code wantedHere}: this node has viewers, a recent snapshot request or an always-on camera. */
    boolean mayRun(boolean wantedHere);
}
