package org.livecam.source;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import org.livecam.frame.JpegCodec;

/**
 * A generated camera: a clock, a frame counter and a moving bar over colour bars, so a viewer
 * can see at a glance that frames move and how late they are. Needs no camera and no fonts.
 * Runs under the same restart loop as every source, so {@link #stop} waits for its thread.
 */
public final class TestPatternSource extends RestartingSource {
    private static final float QUALITY = 0.8f;

    private final int width;
    private final int height;
    private final double fps;
    private final Clock clock;

    public TestPatternSource(int width, int height, double fps, Clock clock) {
        super(Duration.ZERO, Double.POSITIVE_INFINITY); // paced by its own fps
        if (width < 64 || height < 48 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("test pattern size must be between 64x48 and 7680x4320: " + width + "x" + height);
        }
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("test pattern fps must be above 0 and at most 240: " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.clock = clock;
    }

    @Override
    Attempt newAttempt() {
        return Attempt.interruptible(this::paint);
    }

    private void paint(FrameSink sink) throws InterruptedException {
        TestPatternPainter painter = new TestPatternPainter(width, height);
        Pace pace = new Pace(fps);
        long count = 0;
        while (!Thread.currentThread().isInterrupted()) {
            BufferedImage image = painter.paint(clock.millis(), ++count);
            sink.accept(ByteBuffer.wrap(JpegCodec.encode(image, QUALITY)));
            pace.awaitNextTick();
        }
    }

    @Override
    public String describe() {
        return "test pattern " + width + "x" + height + " at " + fps + " fps";
    }
}
