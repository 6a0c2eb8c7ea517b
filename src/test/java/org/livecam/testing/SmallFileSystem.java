package org.livecam.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted at a folder, for tests of a full disk. Mounting needs root: where it
 * fails the test is skipped (an assumption), saying why. Closing unmounts it.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path mount;

    private SmallFileSystem(Path mount) {
        this.mount = mount;
    }

    /** Mounts a tmpfs of {@code size} (as mount(8) takes it: {@code 20m}) at {@code dir}, made if missing. */
    public static SmallFileSystem mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        String said = done ? new String(p.getInputStream().readAllBytes()).trim() : "mount did not finish";
        assumeTrue(done && p.exitValue() == 0, "mounting a tmpfs needs root (mount said: " + said + ")");
        return new SmallFileSystem(dir);
    }

    public Path path() {
        return mount;
    }

    /** Appends to {@code file} until the file system is full. */
    public static void fillUp(Path file) {
        byte[] block = new byte[4 << 10];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: as meant
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
    }
}
