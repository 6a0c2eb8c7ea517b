package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.source.JpegFixtures.ascii;
import static org.livecam.source.JpegFixtures.concat;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livecam.testing.TestJpegs;

class MjpegSplitterTest {
    private static final byte[] RED = JpegFixtures.solid(Color.RED);
    private static final byte[] GREEN = JpegFixtures.solid(Color.GREEN);
    private static final byte[] BLUE = JpegFixtures.solid(Color.BLUE);

    @Test
    void everySplitPointGivesTheSameFrames() {
        byte[] thumbnailed = JpegFixtures.withThumbnail(GREEN, TestJpegs.solid(16, 16, Color.WHITE));
        byte[] stream = concat(RED, thumbnailed, JpegFixtures.withTrickyComment(BLUE));
        List<byte[]> whole = split(new MjpegSplitter(), stream);
        assertThat(whole).hasSize(3);

        for (int cut = 0; cut <= stream.length; cut++) {
            MjpegSplitter splitter = new MjpegSplitter();
            List<byte[]> frames = new ArrayList<>();
            splitter.feed(stream, 0, cut, collect(frames));
            splitter.feed(stream, cut, stream.length - cut, collect(frames));
            assertSameFrames(frames, whole);
        }
    }

    @Test
    void byteAtATimeGivesTheSameFrames() {
        byte[] stream = concat(RED, JpegFixtures.withRestartMarkers(), BLUE);
        MjpegSplitter splitter = new MjpegSplitter();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            splitter.feed(stream, i, 1, collect(frames));
        }
        assertSameFrames(frames, List.of(RED, JpegFixtures.withRestartMarkers(), BLUE));
    }

    @Test
    void garbageBetweenFramesIsSkipped() {
        byte[] garbage = concat(ascii("noise"), new byte[] {(byte) 0xFF, (byte) 0xD8, 'j', 'u', 'n', 'k', (byte) 0xFF, 0, (byte) 0xFF});
        byte[] stream = concat(garbage, RED, garbage, GREEN, ascii("\r\n\r\n"), garbage, BLUE, garbage);
        assertSameFrames(split(new MjpegSplitter(), stream), List.of(RED, GREEN, BLUE));
    }

    @Test
    void multipartStreamGivesTheJpegsWithoutPartHeaders() {
        byte[] stream = concat(part(RED), part(GREEN), part(BLUE), ascii("--frame--\r\n"));
        assertSameFrames(split(new MjpegSplitter(), stream), List.of(RED, GREEN, BLUE));
    }

    @Test
    void truncatedLastFrameIsNeverPassedOn() {
        byte[] stream = concat(RED, GREEN, Arrays.copyOf(BLUE, BLUE.length - 3));
        MjpegSplitter splitter = new MjpegSplitter();
        assertSameFrames(split(splitter, stream), List.of(RED, GREEN));
    }

    @Test
    void frameCutShortByTheNextOneIsDroppedAndTheNextOneKept() {
        byte[] stream = concat(RED, Arrays.copyOf(GREEN, GREEN.length / 2), BLUE,
                Arrays.copyOf(RED, 40), GREEN); // cut inside its header segments too
        MjpegSplitter splitter = new MjpegSplitter();
        assertSameFrames(split(splitter, stream), List.of(RED, BLUE, GREEN));
        assertThat(splitter.framesDropped()).isEqualTo(2);
    }

    @Test
    void embeddedExifThumbnailIsNotMistakenForAFrame() {
        byte[] thumbnailed = JpegFixtures.withThumbnail(RED, TestJpegs.solid(16, 16, Color.WHITE));
        List<byte[]> frames = split(new MjpegSplitter(), concat(thumbnailed, BLUE));
        assertSameFrames(frames, List.of(thumbnailed, BLUE));
        assertThat(TestJpegs.decode(frames.get(0)).getWidth()).isEqualTo(64);
    }

    @Test
    void restartMarkersInEntropyDataDoNotEndTheFrame() {
        byte[] restarts = JpegFixtures.withRestartMarkers();
        assertThat(containsRestartMarker(restarts)).as("fixture has RST markers").isTrue();
        List<byte[]> frames = split(new MjpegSplitter(), concat(restarts, RED));
        assertSameFrames(frames, List.of(restarts, RED));
        assertThat(TestJpegs.decode(frames.get(0)).getWidth()).isEqualTo(96);
    }

    @Test
    void endMarkerInsideACommentSegmentIsNotAnEnd() {
        byte[] commented = JpegFixtures.withTrickyComment(GREEN);
        assertSameFrames(split(new MjpegSplitter(), concat(commented, commented)), List.of(commented, commented));
    }

    @Test
    void frameOverTheLimitIsDroppedAndTheNextStillFound() {
        byte[] big = JpegFixtures.noise(160, 120, 1);
        assertThat(big.length).isGreaterThan(8 * 1024);
        MjpegSplitter splitter = new MjpegSplitter(8 * 1024);
        List<byte[]> frames = new ArrayList<>();
        byte[] stream = concat(RED, big, GREEN, big, BLUE);
        for (int at = 0; at < stream.length; at += 1000) {
            splitter.feed(stream, at, Math.min(1000, stream.length - at), collect(frames));
        }
        assertSameFrames(frames, List.of(RED, GREEN, BLUE));
        assertThat(splitter.framesDropped()).isEqualTo(2);
    }

    @Test
    void aFrameOverTheLimitReadInOneBlockIsDroppedToo() {
        // Found by fuzzing: the scan reached EOI within one step, before the size check, and passed it on.
        byte[] big = JpegFixtures.noise(160, 120, 1);
        MjpegSplitter splitter = new MjpegSplitter(8 * 1024);
        List<byte[]> frames = split(splitter, concat(RED, big, GREEN));
        assertSameFrames(frames, List.of(RED, GREEN));
        assertThat(splitter.framesDropped()).isEqualTo(1);
    }

    @Test
    void noiseImageWithManyFfBytesSplitsWhole() {
        byte[] a = JpegFixtures.noise(64, 64, 2);
        byte[] b = JpegFixtures.noise(64, 64, 3);
        assertSameFrames(split(new MjpegSplitter(), concat(a, b, a)), List.of(a, b, a));
    }

    private static byte[] part(byte[] jpeg) {
        return concat(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n"), jpeg, ascii("\r\n"));
    }

    private static boolean containsRestartMarker(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) >= 0xD0 && (jpeg[i + 1] & 0xFF) <= 0xD7) {
                return true;
            }
        }
        return false;
    }

    static List<byte[]> split(MjpegSplitter splitter, byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        splitter.feed(stream, collect(frames));
        return frames;
    }

    static FrameSink collect(List<byte[]> frames) {
        return (ByteBuffer jpeg) -> {
            byte[] copy = new byte[jpeg.remaining()];
            jpeg.get(copy);
            frames.add(copy);
        };
    }

    private static void assertSameFrames(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }
}
