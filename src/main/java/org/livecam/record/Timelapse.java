package org.livecam.record;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * An H.264 MP4 of recorded frames, made by ffmpeg: the JPEGs are piped to it as they are read
 * ({@code -f image2pipe}), one after the other at {@code fps}, and it writes the file. Blocking:
 * call it on a worker thread.
 */
public final class Timelapse {
    private final String ffmpeg;

    /** @param ffmpeg the program to run: {@code ffmpeg} (found on the PATH) or a path */
    public Timelapse(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** True when the program can be found: on the PATH, or at the path given. */
    public boolean available() {
        if (ffmpeg.contains(File.separator)) {
            return Files.isExecutable(Path.of(ffmpeg));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, ffmpeg))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One encode's off switch: {@link #cancel} (from any thread, e.g. when the viewer who asked
     * leaves) kills its ffmpeg at once, and {@link #encode} then throws {@link CancellationException}.
     */
    public static final class Job {
        private volatile Process process;
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
            Process running = process;
            if (running != null) {
                running.destroyForcibly(); // no output is wanted; ffmpeg blocked on a read may ignore SIGTERM
            }
        }

        public boolean cancelled() {
            return cancelled;
        }

        private void started(Process started) {
            process = started;
            if (cancelled) {
                started.destroyForcibly();
            }
        }
    }

    /** As {@link #encode(ReplayCursor, int, Path, Job)}, with no way to cancel it. */
    public int encode(ReplayCursor frames, int fps, Path out) throws IOException, InterruptedException {
        return encode(frames, fps, out, new Job());
    }

    /**
     * Encodes every frame the cursor gives into {@code out} at {@code fps}; returns how many
     * frames it fed (0: nothing written). Throws with ffmpeg's last words when it fails, and
     * {@link CancellationException} once {@code job} is cancelled (its ffmpeg killed).
     */
    public int encode(ReplayCursor frames, int fps, Path out, Job job) throws IOException, InterruptedException {
        RecordedFrame first = frames.next();
        if (first == null) {
            return 0;
        }
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Process process = new ProcessBuilder(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
                // -c:v mjpeg: ffmpeg's probe does not recognise every encoder's JPEGs (ImageIO's, for one)
                "-f", "image2pipe", "-c:v", "mjpeg", "-framerate", Integer.toString(fps), "-i", "-",
                // yuv420p needs even sides; frames of another size in the range are scaled to the first's
                "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", "-f", "mp4", out.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .start();
        job.started(process);
        int fed = 0;
        try (OutputStream in = process.getOutputStream()) {
            for (RecordedFrame frame = first; frame != null && !job.cancelled(); frame = frames.next()) {
                in.write(frame.jpeg());
                fed++;
            }
        } catch (IOException e) {
            // ffmpeg stopped reading: its exit status and log say why
        } finally {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        try {
            if (job.cancelled()) {
                throw new CancellationException("the timelapse was cancelled after " + fed + " frames");
            }
            if (process.exitValue() != 0) {
                String said = Files.exists(log) ? Files.readString(log).strip() : "";
                throw new IOException("ffmpeg failed (exit " + process.exitValue() + "): "
                        + (said.length() > 500 ? said.substring(said.length() - 500) : said));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return fed;
    }
}
