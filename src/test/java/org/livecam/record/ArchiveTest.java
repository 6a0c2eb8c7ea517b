package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.ManualClock;

/** One camera's archive on real files, with time under the test's control. */
class ArchiveTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final Camera camera = new Camera("yard", clock);

    private Frame publish(byte[] jpeg) throws Exception {
        return camera.publish(ByteBuffer.wrap(jpeg), Jpeg.inspect(ByteBuffer.wrap(jpeg)));
    }

    private Archive open(RecordPolicy policy) throws IOException {
        return Archive.open(dir.resolve("yard"), "yard", policy, clock);
    }

    @Test
    void keepFiveSecondsServesNothingOlder() throws Exception {
        clock.set(Instant.parse("2026-11-30T06:00:00Z"));
        Archive archive = open(new RecordPolicy(Duration.ZERO, Duration.ofSeconds(5), 0));
        for (int i = 0; i < 10; i++) {
            archive.append(publish(StampedJpegs.number(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        // now 06:00:10: frames of 06:00:05 and later are kept, older ones never served
        assertThat(archive.frameAt(Instant.parse("2026-11-30T06:00:04.500Z"))).isEmpty();
        assertThat(archive.frameAt(Instant.parse("2026-11-30T06:00:05Z")).orElseThrow().jpeg()).isEqualTo(StampedJpegs.number(5));
        List<byte[]> replayed = new ArrayList<>();
        try (ReplayCursor cursor = archive.replay(Instant.EPOCH, Instant.parse("2026-11-30T07:00:00Z"))) {
            for (RecordedFrame f = cursor.next(); f != null; f = cursor.next()) {
                replayed.add(f.jpeg());
            }
        }
        assertThat(replayed).hasSize(5);
        assertThat(archive.summary().first()).isEqualTo(Instant.parse("2026-11-30T06:00:05Z"));

        clock.advance(Duration.ofSeconds(60));
        archive.expire();
        assertThat(archive.summary().frames()).isZero();
        assertThat(archive.frameAt(clock.instant())).isEmpty();
        assertThat(segmentFiles()).isEmpty();
        archive.close();
    }

    @Test
    void identicalFramesAreStoredOnce() throws Exception {
        clock.set(Instant.parse("2026-11-30T06:00:00Z"));
        Archive archive = open(new RecordPolicy(Duration.ZERO, Duration.ofDays(1), 0));
        byte[] still = StampedJpegs.number(1);
        for (int i = 0; i < 5; i++) {
            archive.append(publish(still));
            clock.advance(Duration.ofMillis(100));
        }
        archive.append(publish(StampedJpegs.number(2)));
        assertThat(archive.summary().frames()).isEqualTo(2);
        archive.close();
    }

    @Test
    void sizeLimitDeletesWholeOldSegments() throws Exception {
        clock.set(Instant.parse("2026-11-30T06:00:00Z"));
        long max = 1L << 20;
        Archive archive = open(new RecordPolicy(Duration.ZERO, Duration.ofDays(1), max));
        for (int i = 0; i < 600; i++) {
            archive.append(publish(StampedJpegs.number(i)));
            clock.advance(Duration.ofMillis(100));
            if (i % 30 == 0) {
                archive.expire();
            }
        }
        archive.expire();
        assertThat(archive.bytes()).isLessThanOrEqualTo(max);
        assertThat(archive.frameAt(clock.instant()).orElseThrow().jpeg()).isEqualTo(StampedJpegs.number(599));
        assertThat(archive.frameAt(Instant.parse("2026-11-30T06:00:00.050Z"))).as("the oldest went").isEmpty();
        archive.close();
    }

    @Test
    void tornTailIsCutAtOpenAndSaidOnce() throws Exception {
        clock.set(Instant.parse("2026-11-30T06:00:00Z"));
        Archive archive = open(new RecordPolicy(Duration.ZERO, Duration.ofDays(1), 0));
        for (int i = 0; i < 20; i++) {
            archive.append(publish(StampedJpegs.number(i)));
            clock.advance(Duration.ofMillis(100));
        }
        archive.close();
        Path segment = segmentFiles().get(0);
        long whole = Files.size(segment);
        byte[] next = StampedJpegs.number(20);
        try (FileChannel data = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // a crash mid-record: its header and half its JPEG; and the index entry of frame 19 lost
            data.write(SegmentFormat.header(clock.millis(), 21, ByteBuffer.wrap(next)));
            data.write(ByteBuffer.wrap(next, 0, next.length / 2));
        }
        Path index = segment.resolveSibling(segment.getFileName().toString().replace(".seg", ".idx"));
        try (FileChannel idx = FileChannel.open(index, StandardOpenOption.WRITE)) {
            idx.truncate(idx.size() - SegmentFormat.ENTRY_BYTES - 7);
        }

        try (CapturedLog log = CapturedLog.of(Archive.class)) {
            Archive reopened = open(new RecordPolicy(Duration.ZERO, Duration.ofDays(1), 0));
            assertThat(log.lines("torn tail")).hasSize(1);
            assertThat(Files.size(segment)).isEqualTo(whole);
            assertThat(reopened.summary().frames()).isEqualTo(20);
            assertThat(reopened.frameAt(clock.instant()).orElseThrow().jpeg()).isEqualTo(StampedJpegs.number(19));
            reopened.append(publish(StampedJpegs.number(21)));
            assertThat(reopened.frameAt(clock.instant()).orElseThrow().jpeg()).isEqualTo(StampedJpegs.number(21));
            reopened.close();
            assertThat(open(new RecordPolicy(Duration.ZERO, Duration.ofDays(1), 0)).summary().frames()).isEqualTo(21);
            assertThat(log.lines("torn tail")).as("a clean archive is not said again").hasSize(1);
        }
    }

    @Test
    void aGapSplitsTheSpans() throws Exception {
        clock.set(Instant.parse("2026-11-30T06:00:00Z"));
        Archive archive = open(new RecordPolicy(Duration.ofSeconds(1), Duration.ofDays(1), 0));
        for (int i = 0; i < 5; i++) {
            archive.append(publish(StampedJpegs.number(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofMinutes(5)); // the camera was off
        for (int i = 5; i < 8; i++) {
            archive.append(publish(StampedJpegs.number(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(archive.summary().spans()).hasSize(2);
        assertThat(archive.frameAt(Instant.parse("2026-11-30T06:02:00Z"))).as("the camera was off then").isEmpty();
        archive.close();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("yard"))) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }
}
