package org.livecam.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dir:PATH}: the JPEG files of a folder ({@code .jpg}, {@code .jpeg}, any case).
 *
 * <p>Replay (the default): every file in name order at {@code fps}, looping; the folder is
 * listed again at each pass, so files added meanwhile join the loop. Watch
 * ({@code watch=true}, for a camera that drops pictures into a folder): shows the newest file
 * at start, then each file that appears after it in name order, at most {@code fps} a second,
 * and no loop; the camera keeps the last picture until a new one comes. A file still being
 * written is tried again on the next tick; a bad file is skipped with one warning.
 */
public final class DirectorySource implements FrameSource {
    private static final Logger log = LoggerFactory.getLogger(DirectorySource.class);
    // A file that fails to parse but changed this recently may still be being written.
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path dir;
    private final double fps;
    private final boolean watch;
    private final RestartingSource runner;

    public DirectorySource(Path dir, double fps, boolean watch) {
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("dir: fps must be above 0 and at most 240: " + fps);
        }
        this.dir = dir;
        this.fps = fps;
        this.watch = watch;
        this.runner = new RestartingSource(describe(), Replay::new, Duration.ZERO);
    }

    @Override
    public void start(FrameSink sink) {
        runner.start(sink);
    }

    @Override
    public void stop() {
        runner.stop();
    }

    @Override
    public String describe() {
        return "dir:" + dir + (watch ? " (watching)" : "") + " at " + fps + " fps";
    }

    private final class Replay implements RestartingSource.Attempt {
        private final Map<Path, FileTime> badFiles = new HashMap<>();
        private volatile Thread thread;

        @Override
        public void run(FrameSink sink) throws IOException, InterruptedException {
            thread = Thread.currentThread();
            long periodNanos = (long) (1_000_000_000L / fps);
            Path lastShown = null;
            int index = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long tickStart = System.nanoTime();
                List<Path> files = list();
                if (watch) {
                    if (lastShown == null && !files.isEmpty()) {
                        lastShown = files.get(files.size() - 1);
                        show(lastShown, sink);
                    } else {
                        for (Path file : files) {
                            if (lastShown == null || file.getFileName().toString().compareTo(lastShown.getFileName().toString()) > 0) {
                                if (show(file, sink) || !mayStillBeWritten(file)) {
                                    lastShown = file;
                                }
                                break; // one a tick; the next tick takes the next file
                            }
                        }
                    }
                } else if (!files.isEmpty()) {
                    index = index % files.size();
                    show(files.get(index), sink);
                    index++;
                }
                long wait = tickStart + periodNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }

        private List<Path> list() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new IOException("no folder " + dir);
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.filter(p -> {
                    String name = p.getFileName().toString().toLowerCase();
                    return (name.endsWith(".jpg") || name.endsWith(".jpeg")) && !name.startsWith(".");
                }).sorted().toList();
            }
        }

        /** Sends one file; false when it could not (a warning the first time for a given version). */
        private boolean show(Path file, FrameSink sink) {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.equals(badFiles.get(file))) {
                    return false;
                }
                long size = Files.size(file);
                if (size > MjpegSplitter.DEFAULT_MAX_FRAME_BYTES) {
                    throw new IOException("file is " + size + " bytes, over " + MjpegSplitter.DEFAULT_MAX_FRAME_BYTES);
                }
                ByteBuffer jpeg = ByteBuffer.wrap(Files.readAllBytes(file));
                try {
                    Jpeg.inspect(jpeg);
                } catch (InvalidJpegException e) {
                    if (mayStillBeWritten(file)) {
                        return false;
                    }
                    throw new IOException(e.getMessage());
                }
                sink.accept(jpeg);
                return true;
            } catch (IOException e) {
                try {
                    badFiles.put(file, Files.getLastModifiedTime(file));
                } catch (IOException gone) {
                    return false;
                }
                log.warn("Skipping {}: {}", file, e.getMessage());
                return false;
            }
        }

        private boolean mayStillBeWritten(Path file) {
            try {
                return System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis() < SETTLE.toMillis();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void abort() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
