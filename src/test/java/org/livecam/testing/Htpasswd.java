package org.livecam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Users files made by Apache's real {@code htpasswd -B} (apache2-utils, which scripts/test
 * installs; a test that needs it is skipped without it), at a low cost so tests stay quick.
 */
public final class Htpasswd {
    private Htpasswd() {
    }

    /** Adds (or replaces) {@code user} in {@code file}, making the file when missing. */
    public static Path add(Path file, String user, String password) throws IOException, InterruptedException {
        return add(file, user, password, 5);
    }

    /** As above, at bcrypt cost {@code cost} (htpasswd's own default is 5). */
    public static Path add(Path file, String user, String password, int cost) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) is not installed");
        List<String> command = new ArrayList<>(List.of("htpasswd", "-b", "-B", "-C", Integer.toString(cost)));
        if (!Files.exists(file)) {
            command.add("-c");
        }
        command.addAll(List.of(file.toString(), user, password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return file;
    }

    /** The value of an {@code Authorization} header with these Basic credentials. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
