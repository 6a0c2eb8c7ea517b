package org.livecam.source;

/**
 * One try at reading a source, from launching or connecting until it ends: what a source gives
 * {@link RestartingSource} to run. {@link #run} is called once, on the source's thread;
 * {@link #abort} may come from any thread, before, during or after it.
 */
interface Attempt {
    /** Delivers frames on the calling thread until the source ends (return) or fails (throw); returns soon after abort. */
    void run(FrameSink sink) throws Exception;

    /** Makes {@link #run} return soon. Must not block. */
    void abort();

    /** What the source sent instead of frames, if it can tell (too big, not JPEG); added to the offline reason. */
    default String noFrameReason() {
        return null;
    }

    /** The work of an attempt that {@link #interruptible} can abort. */
    @FunctionalInterface
    interface Work {
        void run(FrameSink sink) throws Exception;
    }

    /**
     * An attempt aborted by interrupting its thread: for work that waits between frames
     * ({@code Thread.sleep}, {@link Pace}) and checks {@code Thread.interrupted()}.
     */
    static Attempt interruptible(Work work) {
        return new Attempt() {
            private volatile Thread thread;
            private volatile boolean aborted;

            @Override
            public void run(FrameSink sink) throws Exception {
                thread = Thread.currentThread();
                if (!aborted) { // checked after thread is set: an abort in between still interrupts
                    work.run(sink);
                }
            }

            @Override
            public void abort() {
                aborted = true;
                Thread t = thread;
                if (t != null) {
                    t.interrupt();
                }
            }
        };
    }
}
