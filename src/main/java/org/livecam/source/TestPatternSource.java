package org.livecam.source;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated camera: a clock, a frame counter and a moving bar over colour bars, so a viewer
 * can see at a glance that frames move and how late they are. Needs no camera and no fonts.
 */
public final class TestPatternSource implements FrameSource {
    private static final Logger log = LoggerFactory.getLogger(TestPatternSource.class);

    private final int width;
    private final int height;
    private final double fps;
    private final float quality;
    private final Clock clock;
    private volatile Thread thread;

    public TestPatternSource(int width, int height, double fps, Clock clock) {
        if (width < 64 || height < 48 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("test pattern size must be between 64x48 and 7680x4320: " + width + "x" + height);
        }
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("test pattern fps must be above 0 and at most 240: " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.quality = 0.8f;
        this.clock = clock;
    }

    @Override
    public synchronized void start(FrameSink sink) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> run(sink), "test-pattern");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(FrameSink sink) {
        TestPatternPainter painter = new TestPatternPainter(width, height);
        long periodNanos = (long) (1_000_000_000L / fps);
        long next = System.nanoTime();
        long count = 0;
        while (thread == Thread.currentThread()) {
            try {
                BufferedImage image = painter.paint(clock.millis(), ++count);
                sink.accept(ByteBuffer.wrap(encode(image, quality)));
            } catch (RuntimeException e) {
                log.error("Test pattern failed to make a frame", e);
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // fell behind: do not burst to catch up
            }
        }
    }

    /** Encodes one image as a baseline JPEG with ImageIO. */
    public static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
             MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    @Override
    public synchronized void stop() {
        thread = null;
    }

    @Override
    public String describe() {
        return "test pattern " + width + "x" + height + " at " + fps + " fps";
    }
}
