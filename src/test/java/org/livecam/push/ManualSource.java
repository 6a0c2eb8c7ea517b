package org.livecam.push;

import java.nio.ByteBuffer;
import org.livecam.source.FrameSink;
import org.livecam.source.FrameSource;

/** A source the test drives by hand: each {@link #emit} delivers one frame, like a camera that froze in between. */
final class ManualSource implements FrameSource {
    private volatile FrameSink sink;

    @Override
    public void start(FrameSink sink) {
        this.sink = sink;
    }

    void emit(byte[] jpeg) {
        sink.accept(ByteBuffer.wrap(jpeg));
    }

    @Override
    public void stop() {
        sink = null;
    }

    @Override
    public String describe() {
        return "frames emitted by the test";
    }
}
