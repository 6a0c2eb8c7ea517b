package org.livecam.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code mvn package} writes, inspected as a user would: its control
 * fields and files ({@code dpkg-deb}), installed into a scratch root and purged again
 * ({@code dpkg --root}), its launcher run, and its two units checked by {@code systemd-analyze
 * verify}. Runs in the verify phase, after the package exists.
 */
class DebianPackageIT {
    private static Path deb;

    @TempDir
    Path scratch;

    @BeforeAll
    static void findPackage() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("livecam_.+_all\\.deb")).toList();
            assertThat(debs).as("one target/livecam_VERSION_all.deb, written by mvn package").hasSize(1);
            deb = debs.get(0);
        }
    }

    @Test
    void controlNamesAJava17RuntimeAndTheConffiles() throws Exception {
        Command info = Command.run(List.of("dpkg-deb", "-I", deb.toString()));
        assertThat(info.status()).as(info.toString()).isZero();
        assertThat(info.out()).contains("Package: livecam", "Architecture: all",
                "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless");
        assertThat(deb.getFileName().toString()).isEqualTo("livecam_" + field("Version").replace('~', '-') + "_all.deb");

        Command conffiles = Command.run(List.of("dpkg-deb", "-I", deb.toString(), "conffiles"));
        assertThat(conffiles.out().lines()).containsExactlyInAnyOrder("/etc/livecam/livecam.yml", "/etc/livecam/livecam.env");
    }

    @Test
    void filesAreWhereTheUnitsAndTheLauncherLookForThem() throws Exception {
        Command contents = Command.run(List.of("dpkg-deb", "-c", deb.toString()));
        assertThat(contents.status()).as(contents.toString()).isZero();
        assertThat(entry(contents, "./usr/bin/livecam")).startsWith("-rwxr-xr-x root/root");
        assertThat(entry(contents, "./usr/share/livecam/livecam.jar")).startsWith("-rw-r--r-- root/root");
        assertThat(entry(contents, "./etc/livecam/livecam.yml")).startsWith("-rw-r--r-- root/root");
        assertThat(entry(contents, "./etc/livecam/livecam.env")).as("secrets: root only").startsWith("-rw------- root/root");
        assertThat(entry(contents, "./lib/systemd/system/livecam.service")).startsWith("-rw-r--r--");
        assertThat(entry(contents, "./lib/systemd/system/livecam-push.service")).startsWith("-rw-r--r--");
        assertThat(entry(contents, "./usr/share/doc/livecam/examples/nginx-livecam.conf")).startsWith("-rw-r--r--");
    }

    @Test
    void installsIntoAScratchRootRunsAndPurges() throws Exception {
        Path root = install();
        Command version = Command.run(List.of(root.resolve("usr/bin/livecam").toString(), "--version"));
        assertThat(version.status()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("livecam " + field("Version").replace('~', '-'));

        // A stand-in java shows what the launcher passes and the open-file limit it set.
        Path fakeJava = scratch.resolve("java");
        Files.writeString(fakeJava, """
                #!/bin/sh
                if [ "$1" = "-XshowSettings:properties" ]; then echo '    java.specification.version = 21' >&2; exit 0; fi
                echo "nofile=$(ulimit -n)"
                echo "args=$*"
                """);
        fakeJava.toFile().setExecutable(true);
        Command launched = Command.run(List.of(root.resolve("usr/bin/livecam").toString(), "serve", "--port", "1"),
                Map.of("LIVECAM_JAVA", fakeJava.toString()));
        String hardLimit = Command.run(List.of("sh", "-c", "ulimit -Hn")).out().strip();
        assertThat(launched.out()).contains("nofile=" + hardLimit)
                .contains("args=-Xms64m -Xmx512m -XX:MaxDirectMemorySize=256m -XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent -jar "
                        + root.resolve("usr/bin/../share/livecam/livecam.jar") + " serve --port 1");

        Command purge = dpkg(root, "--purge", "livecam");
        assertThat(purge.status()).as(purge.toString()).isZero();
        assertThat(root.resolve("usr/share/livecam/livecam.jar")).doesNotExist();
        assertThat(root.resolve("etc/livecam/livecam.yml")).as("purge removes the conffiles").doesNotExist();
    }

    @Test
    void bothUnitsPassSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Command.exists("systemd-analyze"), "systemd-analyze is not installed (scripts/test installs systemd)");
        Path root = install();
        // The units' own dependencies (sysinit.target, network-online.target, ...) come from this machine's systemd.
        Path units = root.resolve("lib/systemd/system");
        try (Stream<Path> system = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path unit : system.filter(Files::isRegularFile).toList()) {
                Path copy = units.resolve(unit.getFileName().toString());
                if (!Files.exists(copy)) {
                    Files.copy(unit, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Command verify = Command.run(List.of("systemd-analyze", "verify", "--root=" + root,
                "/lib/systemd/system/livecam.service", "/lib/systemd/system/livecam-push.service"));
        assumeTrue(!verify.err().contains("Failed to connect to bus"), "systemd-analyze cannot run in this container: " + verify.err());
        assertThat(verify.status()).as(verify.toString()).isZero();
        assertThat(verify.out() + verify.err()).as("no warning either").isBlank();
    }

    /** The package installed into a fresh root under the scratch folder (no Java there: its dependency is waived). */
    private Path install() throws Exception {
        Path root = scratch.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Command install = dpkg(root, "-i", deb.toAbsolutePath().toString());
        assertThat(install.status()).as(install.toString()).isZero();
        return root;
    }

    private static Command dpkg(Path root, String... action) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("dpkg", "--root=" + root, "--force-depends",
                "--force-script-chrootless", "--force-not-root", "--log=/dev/null"));
        command.addAll(List.of(action));
        return Command.run(command);
    }

    private static String field(String name) throws Exception {
        return Command.run(List.of("dpkg-deb", "-f", deb.toString(), name)).out().strip();
    }

    private static String entry(Command contents, String path) {
        return contents.out().lines().filter(line -> line.endsWith(" " + path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in the package:\n" + contents.out()));
    }
}
