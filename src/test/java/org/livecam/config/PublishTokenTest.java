package org.livecam.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The publish token kept in the data folder: whole or absent, owner-only, shared by servers that start together. */
@Timeout(30)
class PublishTokenTest {
    @TempDir
    Path dir;

    @Test
    void aNewTokenIsKeptOwnerOnlyWithNoTemporaryFileLeft() throws Exception {
        PublishToken.Resolved made = PublishToken.resolve(null, dir);

        assertThat(made.source()).isEqualTo(PublishToken.Source.MADE);
        assertThat(Files.readString(made.file()).trim()).isEqualTo(made.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.file()))).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly(PublishToken.FILE_NAME);
        PublishToken.Resolved kept = PublishToken.resolve(null, dir);
        assertThat(kept.source()).isEqualTo(PublishToken.Source.KEPT);
        assertThat(kept.token()).isEqualTo(made.token());
    }

    @Test
    void anEmptyTokenFileLeftByACrashIsReplacedWithANewTokenAndSaidSo() throws Exception {
        Path file = Files.createFile(dir.resolve(PublishToken.FILE_NAME));

        PublishToken.Resolved remade = PublishToken.resolve(null, dir);

        assertThat(remade.source()).isEqualTo(PublishToken.Source.REMADE);
        assertThat(remade.token()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Files.readString(file).trim()).isEqualTo(remade.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly(PublishToken.FILE_NAME);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PublishToken.announce(remade, 8080, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(file + " was empty", remade.token());
    }

    @Test
    void serversStartingTogetherShareOneWholeToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Path data = Files.createDirectory(dir.resolve("data" + round));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<PublishToken.Resolved>> starts = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return PublishToken.resolve(null, data);
                }, pool)).limit(2).toList();
                go.countDown();

                String first = starts.get(0).get().token();
                assertThat(starts.get(1).get().token()).as("round %d", round).isEqualTo(first);
                assertThat(Files.readString(data.resolve(PublishToken.FILE_NAME)).trim()).isEqualTo(first);
                assertThat(names(data)).containsExactly(PublishToken.FILE_NAME);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
