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
import org.livecam.testing.Await;
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
            Await.until(() -> sink.frames.size() >= 6, Duration.ofSeconds(10), "two loops");
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
            Await.until(() -> sink.frames.size() >= 1, Duration.ofSeconds(10), "the newest file");
            assertThat(sink.frames.get(0)).isEqualTo(RED);

            drop("003.jpg", BLUE);
            Await.until(() -> sink.frames.size() >= 2, Duration.ofSeconds(10), "the new file");
            drop("004.jpg", GREEN);
            Await.until(() -> sink.frames.size() >= 3, Duration.ofSeconds(10), "the next new file");
            // Several ticks passed while each file was awaited: a loop would have shown old files between them.
            assertThat(sink.frames).containsExactly(RED, BLUE, GREEN);
        } finally {
            source.stop();
        }
    }

    /** Written aside, then renamed: the way a camera drops a picture into a folder. */
    private void drop(String name, byte[] jpeg) throws Exception {
        Path temp = dir.resolve("." + name + ".part");
        Files.write(temp, jpeg);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
