package org.livecam.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program the deploy tests run to its end: its status and what it printed (stdout and stderr apart). */
record Command(int status, String out, String err) {
    static Command run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    static Command run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("livecam-cmd", ".out");
        Path err = Files.createTempFile("livecam-cmd", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command + " did not finish in 60 s");
            }
            return new Command(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** True when {@code program} is on the PATH. */
    static boolean exists(String program) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", "command -v " + program)).status() == 0;
    }

    @Override
    public String toString() {
        return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
