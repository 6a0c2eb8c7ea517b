package org.livecam.source;

/** Hands out each pulled camera's {@link SourceGate}: alone, every source may run; in a cluster, its lease decides. */
public interface SourceGates {
    SourceGates ALONE = new SourceGates() {
        @Override
        public SourceGate gate(String cameraId) {
            return SourceGate.ALONE;
        }

        @Override
        public void recheckWith(String cameraId, Runnable recheck) {
            // alone, the answer never changes
        }
    };

    SourceGate gate(String cameraId);

    /** {@code recheck} runs when the gate's answer for the camera may have changed. */
    void recheckWith(String cameraId, Runnable recheck);
}
