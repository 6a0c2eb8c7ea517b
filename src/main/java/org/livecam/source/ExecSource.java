package org.livecam.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code exec:COMMAND ARGS...}: runs a command and reads JPEGs from its stdout, a concatenated
 * JPEG stream ({@code ffmpeg ... -f mjpeg -}, {@code rpicam-vid --codec mjpeg -o -},
 * {@code gst-launch-1.0 ... ! jpegenc ! fdsink}) or a multipart one ({@code ! multipartmux !
 * fdsink}), cut by {@link MjpegSplitter}. stderr goes to the log, rate-limited.
 *
 * <p>At most {@code maxFps} frames a second reach the camera; the rest are dropped unread. The
 * command is restarted with backoff when it exits or stalls; {@link #stop} ends its
 * whole process tree (TERM, then KILL after {@link ProcessTree#GRACE}), so no orphan keeps a
 * camera device busy.
 */
public final class ExecSource extends RestartingSource {
    private final List<String> command;
    private final String name;

    public ExecSource(List<String> command, Duration stallAfter, double maxFps) {
        super(stallAfter, maxFps);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec: needs a command, as in exec:ffmpeg -i ... -f mjpeg -");
        }
        this.command = List.copyOf(command);
        this.name = Path.of(command.get(0)).getFileName().toString();
    }

    @Override
    Attempt newAttempt() {
        return new Run();
    }

    /** The command's program is missing: not on PATH, or not an executable file at the path given. */
    @Override
    public Optional<String> startProblem() {
        String program = command.get(0);
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? Optional.empty() : Optional.of("cannot run " + program + ": no such program");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        return found ? Optional.empty() : Optional.of("cannot run " + program + ": not found on PATH");
    }

    @Override
    public String describe() {
        String line = Secrets.redact(String.join(" ", command));
        return "exec:" + (line.length() > 160 ? line.substring(0, 157) + "..." : line);
    }

    /** One run of the command. */
    private final class Run implements Attempt {
        private volatile Process process;
        private volatile boolean aborted;
        private volatile MjpegSplitter splitter;

        @Override
        public void run(FrameSink sink) throws IOException, InterruptedException {
            Process p;
            try {
                p = new ProcessBuilder(command).start();
            } catch (IOException e) {
                throw new IOException("cannot run " + name + ": " + e.getMessage());
            }
            process = p;
            StderrLog stderr = StderrLog.start(name + "[" + p.pid() + "]", p.getErrorStream());
            try {
                p.getOutputStream().close(); // nothing to say on stdin; ffmpeg would wait for keys
                if (aborted) {
                    return;
                }
                splitter = new MjpegSplitter();
                splitter.feedAll(p.getInputStream(), sink);
            } finally {
                ProcessTree.stop(p.toHandle());
            }
            if (aborted) {
                return;
            }
            int status = p.waitFor();
            stderr.awaitEnd(500);
            String last = stderr.lastLine();
            // Java reports a process ended by a signal as 128 + the signal's number.
            String how = status > 128 && status < 160 ? "was ended by signal " + (status - 128) : "exited with status " + status;
            throw new IOException(name + " " + how + (last == null ? "" : " (last output: " + last + ")"));
        }

        @Override
        public String noFrameReason() {
            MjpegSplitter s = splitter;
            return s == null ? null : s.noFrameReason();
        }

        @Override
        public void abort() {
            aborted = true;
            Process p = process;
            if (p != null) {
                ProcessTree.terminate(p.toHandle());
            }
        }
    }
}
