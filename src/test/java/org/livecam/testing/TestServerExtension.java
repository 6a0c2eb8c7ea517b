package org.livecam.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.livecam.ServerConfig;

/**
 * The real server for a test class, started on port 0 the way {@code main} starts it, in a data
 * folder of its own, and stopped (folder deleted) after. It is itself the {@link TestServer} the
 * tests talk to. Registered on a static field it serves the whole class; on an instance field,
 * each test gets a fresh one:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestServerExtension server = new TestServerExtension();
 * &#64;RegisterExtension
 * final TestServerExtension server = new TestServerExtension(c -&gt; c.withHttp(h -&gt; h.withMaxFrameBytes(8192)));
 * </pre>
 *
 * The server is up before the class's own {@code @BeforeAll}/{@code @BeforeEach} methods run and
 * goes down after its {@code @AfterEach}/{@code @AfterAll} methods.
 */
public final class TestServerExtension extends TestServer
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final UnaryOperator<ServerConfig> adjust;
    private boolean perClass;
    private Path dataDir;

    public TestServerExtension() {
        this(c -> c);
    }

    /** With the test defaults ({@link TestServer#config}) changed by {@code adjust}. */
    public TestServerExtension(UnaryOperator<ServerConfig> adjust) {
        this.adjust = adjust;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        startFresh();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            startFresh();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stopAndDelete();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stopAndDelete();
    }

    /** The folder holding this server's livecam.db. */
    public Path dataDir() {
        return dataDir;
    }

    private void startFresh() throws IOException {
        dataDir = Files.createTempDirectory("livecam-test");
        run(adjust.apply(config(dataDir)));
    }

    private void stopAndDelete() throws IOException {
        close();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            dataDir = null;
        }
    }
}
