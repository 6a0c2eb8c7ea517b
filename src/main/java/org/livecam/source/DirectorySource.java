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
import java.util.Optional;
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
public final class DirectorySource extends RestartingSource {
    private static final Logger log = LoggerFactory.getLogger(DirectorySource.class);
    // A file that fails to parse but changed this recently may still be being written.
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path dir;
    private final double fps;
    private final boolean watch;

    public DirectorySource(Path dir, double fps, boolean watch) {
        super(Duration.ZERO, Double.POSITIVE_INFINITY); // paced by its own fps
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("dir: fps must be above 0 and at most 240: " + fps);
        }
        this.dir = dir;
        this.fps = fps;
        this.watch = watch;
    }

    @Override
    Attempt newAttempt() {
        return Attempt.interruptible(sink -> new Pass(sink).run());
    }

    @Override
    public Optional<String> startProblem() {
        return Files.isDirectory(dir) ? Optional.empty() : Optional.of(missing());
    }

    private String missing() {
        return Files.exists(dir) ? dir + " is not a folder" : "no folder " + dir;
    }

    @Override
    public String describe() {
        return "dir:" + dir + (watch ? " (watching)" : "") + " at " + fps + " fps";
    }

    /** One run over the folder, until it is stopped or the folder goes away. */
    private final class Pass {
        private final FrameSink sink;
        private final Map<Path, FileTime> badFiles = new HashMap<>();
        private Path lastShown;
        private int index;

        Pass(FrameSink sink) {
            this.sink = sink;
        }

        void run() throws IOException, InterruptedException {
            Pace pace = new Pace(fps);
            while (!Thread.currentThread().isInterrupted()) {
                List<Path> files = list();
                if (watch) {
                    showNewer(files);
                } else if (!files.isEmpty()) {
                    index = index % files.size();
                    show(files.get(index++));
                }
                pace.awaitNextTick();
            }
        }

        /** The newest file at first, then the next file after the last shown, one a tick. */
        private void showNewer(List<Path> files) {
            if (lastShown == null) {
                if (!files.isEmpty()) {
                    lastShown = files.get(files.size() - 1);
                    show(lastShown);
                }
                return;
            }
            String last = lastShown.getFileName().toString();
            files.stream().filter(file -> file.getFileName().toString().compareTo(last) > 0).findFirst().ifPresent(file -> {
                if (show(file) || !mayStillBeWritten(file)) {
                    lastShown = file;
                }
            });
        }

        private List<Path> list() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new IOException(missing());
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.filter(p -> {
                    String name = p.getFileName().toString().toLowerCase();
                    return (name.endsWith(".jpg") || name.endsWith(".jpeg")) && !name.startsWith(".");
                }).sorted().toList();
            }
        }

        /** Sends one file; false when it could not (a warning the first time for a given version). */
        private boolean show(Path file) {
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
    }
}
