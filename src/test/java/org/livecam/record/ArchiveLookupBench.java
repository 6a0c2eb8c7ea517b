package org.livecam.record;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.livecam.frame.Camera;
import org.livecam.frame.Jpeg;
import org.livecam.frame.JpegCodec;

/**
 * Benchmark, not a test: builds an archive of N tiny distinct frames at 30 fps ending now under
 * {@code DATA/record/bench/}, then times {@link Archive#frameAt} at random instants (each opens
 * the segment's files, binary-searches its index and reads one JPEG, as the HTTP handler does).
 * Run: {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.livecam.record.ArchiveLookupBench DATA 1000000}
 */
public final class ArchiveLookupBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int frames = Integer.parseInt(args[1]);
        long end = System.currentTimeMillis();
        long start = end - frames * 33L;
        long[] now = {start};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        RecordPolicy policy = new RecordPolicy(Duration.ZERO, Duration.ofDays(3650), 0);
        Archive archive = Archive.open(data.resolve(Recorder.DIR_NAME).resolve("bench"), "bench", policy, clock);
        Camera camera = new Camera("bench", clock);
        byte[][] jpegs = new byte[64][];
        for (int i = 0; i < jpegs.length; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i % 16, i / 16, 0xffffff);
            jpegs[i] = JpegCodec.encode(image, 0.5f);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            now[0] = start + i * 33L;
            ByteBuffer jpeg = ByteBuffer.wrap(jpegs[i % jpegs.length]);
            archive.append(camera.publish(jpeg, Jpeg.inspect(jpeg.duplicate())));
        }
        archive.close();
        System.out.printf("wrote %d frames (%d bytes each) in %.1f s; archive %d MB%n", frames, jpegs[0].length,
                (System.nanoTime() - t0) / 1e9, archive.bytes() >> 20);
        Random random = new Random(1);
        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the page cache
            long[] nanos = new long[10_000];
            for (int i = 0; i < nanos.length; i++) {
                Instant at = Instant.ofEpochMilli(start + (long) (random.nextDouble() * (now[0] - start)));
                long s = System.nanoTime();
                if (archive.frameAt(at).isEmpty()) {
                    throw new IllegalStateException("no frame at " + at);
                }
                nanos[i] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            System.out.printf("round %d: frameAt p50 %.1f us, p99 %.1f us, max %.1f us over %d lookups%n", round,
                    nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3, nanos[nanos.length - 1] / 1e3, nanos.length);
        }
    }
}
