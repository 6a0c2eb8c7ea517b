package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.TestJpegs;
import org.slf4j.LoggerFactory;

class DirectorySourceTest {
    private static final byte[] RED = TestJpegs.solid(64, 48, Color.RED);
    private static final byte[] GREEN = TestJpegs.solid(64, 48, Color.GREEN);
    private static final byte[] BLUE = TestJpegs.solid(64, 48, Color.BLUE);

    @TempDir
    Path dir;

    @Test
    void filesPlayInNameOrderAndLoopSkippingBadOnesWithOneWarning() throws Exception {
        Files.write(dir.resolve("a.jpg"), RED);
        Files.write(dir.resolve("b.JPEG"), GREEN);
        Files.write(dir.resolve("bad.jpg"), "not a jpeg".getBytes());
        Files.setLastModifiedTime(dir.resolve("bad.jpg"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.write(dir.resolve("c.jpg"), BLUE);
        Files.write(dir.resolve("notes.txt"), "ignored".getBytes());
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(DirectorySource.class);
        logger.addAppender(logs);

        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("dir:" + dir + "?fps=20", Clock.systemUTC());
        source.start(sink);
        try {
            Processes.await("two loops", Duration.ofSeconds(10), () -> sink.frames.size() >= 6);
        } finally {
            source.stop();
            logger.detachAppender(logs);
        }
        List<byte[]> expected = List.of(RED, GREEN, BLUE, RED, GREEN, BLUE);
        for (int i = 0; i < 6; i++) {
            assertThat(Arrays.equals(sink.frames.get(i), expected.get(i))).as("frame %d", i).isTrue();
        }
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("bad.jpg")).hasSize(1);
    }

    @Test
    void watchShowsTheNewestFileThenEachNewOne() throws Exception {
        Files.write(dir.resolve("001.jpg"), GREEN);
        Files.write(dir.resolve("002.jpg"), RED);
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("dir:" + dir + "?fps=20&watch=true", Clock.systemUTC());
        source.start(sink);
        try {
            Processes.await("the newest file", Duration.ofSeconds(10), () -> sink.frames.size() >= 1);
            Thread.sleep(300);
            assertThat(sink.frames).hasSize(1); // no loop in watch mode
            assertThat(sink.frames.get(0)).isEqualTo(RED);

            Path temp = dir.resolve(".003.jpg.part"); // written aside, then renamed: the camera's way
            Files.write(temp, BLUE);
            Files.move(temp, dir.resolve("003.jpg"), StandardCopyOption.ATOMIC_MOVE);
            Processes.await("the new file", Duration.ofSeconds(10), () -> sink.frames.size() >= 2);
            assertThat(sink.frames.get(1)).isEqualTo(BLUE);
        } finally {
            source.stop();
        }
    }
}
