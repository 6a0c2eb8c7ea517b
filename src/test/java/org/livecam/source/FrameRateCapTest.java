package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The cap on a manual clock: what passes, what is dropped, and the one warning. */
class FrameRateCapTest {
    private static final ByteBuffer FRAME = ByteBuffer.wrap(new byte[] {1, 2, 3});

    private long now;
    private final AtomicInteger passed = new AtomicInteger();

    private FrameRateCap cap(double fps) {
        return new FrameRateCap(fps, "exec:fast", jpeg -> passed.incrementAndGet(), () -> now);
    }

    private void deliver(FrameRateCap cap, double fps, double seconds, long jitterNanos) {
        long period = (long) (1e9 / fps);
        long end = now + (long) (seconds * 1e9);
        for (int i = 0; now < end; i++) {
            long jitter = i % 2 == 0 ? jitterNanos : -jitterNanos;
            now += period + jitter;
            cap.accept(FRAME);
        }
    }

    @Test
    void aSourceFiftyTimesFasterThanItsCapPassesOnlyTheCap() {
        FrameRateCap cap = cap(5);
        deliver(cap, 250, 10, 0);
        assertThat(passed.get()).isBetween(48, 52);
    }

    @Test
    void aSourceAtItsCapWithJitterLosesNothing() {
        FrameRateCap cap = cap(10);
        deliver(cap, 10, 10, 30_000_000); // frames 70 and 130 ms apart
        assertThat(passed.get()).isEqualTo(100);
    }

    @Test
    void aQuietSpellEarnsNoBurst() {
        FrameRateCap cap = cap(5);
        cap.accept(FRAME);
        now += 5_000_000_000L;
        deliver(cap, 1000, 1, 0);
        assertThat(passed.get()).as("the first frame, then one second at 5 fps and half a period of slack").isBetween(6, 8);
    }

    @Test
    void aSourceFarAboveItsCapIsLoggedOnceWithItsRate() {
        Logger logger = (Logger) LoggerFactory.getLogger(FrameRateCap.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            FrameRateCap cap = cap(30);
            deliver(cap, 45, 12, 0);
            assertThat(appender.list).as("1.5 times the cap is not far above it").isEmpty();
            deliver(cap, 500, 35, 0);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("exec:fast delivers", "far above its cap of 30.0 fps", "-re");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
