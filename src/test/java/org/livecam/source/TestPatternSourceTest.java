package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;

class TestPatternSourceTest {
    @Test
    void stopReturnsOnlyWhenTheSourceThreadHasEndedAndStartMayFollow() throws Exception {
        List<Thread> producers = new CopyOnWriteArrayList<>();
        List<byte[]> frames = new CopyOnWriteArrayList<>();
        FrameSink sink = jpeg -> {
            producers.add(Thread.currentThread());
            byte[] copy = new byte[jpeg.remaining()];
            jpeg.get(copy);
            frames.add(copy);
        };
        TestPatternSource source = new TestPatternSource(160, 120, 5, Clock.systemUTC());

        source.start(sink);
        Await.until(() -> !frames.isEmpty(), Duration.ofSeconds(10), "a first frame");
        source.stop();
        assertThat(producers).allMatch(t -> !t.isAlive(), "no producing thread outlives stop()");
        int afterStop = frames.size();

        source.start(sink);
        Await.until(() -> frames.size() > afterStop, Duration.ofSeconds(10), "a frame after starting again");
        source.stop();
        assertThat(TestJpegs.decode(frames.get(frames.size() - 1)).getWidth()).isEqualTo(160);
    }
}
