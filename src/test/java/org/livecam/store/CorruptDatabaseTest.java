package org.livecam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * A {@code livecam.db} that cannot be used at start: the real server starts anyway, moves it aside
 * as {@code livecam.db.corrupt-TIMESTAMP}, says so in one line, and keeps frames in a fresh one.
 */
class CorruptDatabaseTest {
    private static final byte[] GARBAGE = new byte[10_000];

    static {
        new Random(13).nextBytes(GARBAGE);
    }

    @TempDir
    Path data;

    /** The ways the file can be broken; root ignores permissions, so "unreadable" is a link to itself. */
    enum Broken {
        GARBAGE_BYTES {
            @Override
            void make(Path data, Path db) throws IOException {
                Files.write(db, GARBAGE);
            }
        },
        TRUNCATED {
            @Override
            void make(Path data, Path db) throws IOException {
                try (TestServer server = TestServer.start(data)) {
                    for (int i = 0; i < 6; i++) { // several pages, so that half the file loses some
                        server.publish("cam" + i, TestJpegs.solid(640, 480, new Color(40 * i, 90, 200)));
                    }
                }
                try (FileChannel file = FileChannel.open(db, StandardOpenOption.WRITE)) {
                    file.truncate(file.size() / 2);
                }
            }
        },
        A_FOLDER {
            @Override
            void make(Path data, Path db) throws IOException {
                Files.createDirectories(db);
                Files.writeString(db.resolve("inside.txt"), "not a database");
            }
        },
        UNREADABLE_LINK_LOOP {
            @Override
            void make(Path data, Path db) throws IOException {
                Files.createSymbolicLink(db, db.getFileName());
            }
        };

        abstract void make(Path data, Path db) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Broken.class)
    void theServerStartsWithAFreshDatabaseAndKeepsTheBrokenOneAside(Broken broken) throws Exception {
        Path db = data.resolve(SqliteFrameStore.FILE_NAME);
        broken.make(data, db);
        byte[] jpeg = TestJpegs.solid(160, 120, Color.ORANGE);
        try (CapturedLog log = CapturedLog.of(SqliteFrameStore.class);
             TestServer server = TestServer.start(data)) {
            assertThat(server.publish("porch", jpeg).statusCode()).isEqualTo(200);
            assertThat(server.get("/cameras/porch/snapshot.jpg").body()).isEqualTo(jpeg);
            List<String> said = log.lines("moved it aside as livecam.db.corrupt-");
            assertThat(said).as("said in one line").hasSize(1);
            assertThat(said.get(0)).startsWith("WARN").contains("started a fresh one");
        }

        List<Path> aside = corrupt();
        assertThat(aside).as("the broken file kept aside").hasSize(1);
        assertThat(aside.get(0).getFileName().toString()).matches("livecam\\.db\\.corrupt-\\d{8}T\\d{6}Z");
        switch (broken) {
            case GARBAGE_BYTES -> assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(GARBAGE);
            case A_FOLDER -> assertThat(aside.get(0).resolve("inside.txt")).hasContent("not a database");
            case UNREADABLE_LINK_LOOP -> assertThat(Files.isSymbolicLink(aside.get(0))).isTrue();
            case TRUNCATED -> assertThat(Files.size(aside.get(0))).isPositive();
        }
        assertThat(Files.isRegularFile(db, LinkOption.NOFOLLOW_LINKS)).as("a fresh database in its place").isTrue();

        try (CapturedLog log = CapturedLog.of(SqliteFrameStore.class);
             TestServer restarted = TestServer.start(data)) {
            assertThat(restarted.get("/cameras/porch/snapshot.jpg").body()).as("the fresh database kept the frame").isEqualTo(jpeg);
            assertThat(log.lines("moved it aside")).as("a sound database is left alone").isEmpty();
        }
        assertThat(corrupt()).hasSize(1);
    }

    private List<Path> corrupt() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().matches("livecam\\.db\\.corrupt-[^-]*")).toList();
        }
    }
}
