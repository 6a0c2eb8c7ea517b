package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.slf4j.LoggerFactory;

/** HTTP pull from real servers on loopback: another livecam, and a small misbehaving one written here. */
class HttpMjpegSourceTest {
    private static final byte[] RED = TestJpegs.solid(64, 48, Color.RED);
    private static final byte[] GREEN = TestJpegs.solid(64, 48, Color.GREEN);
    private static final byte[] BLUE = TestJpegs.solid(64, 48, Color.BLUE);

    @TempDir
    Path data;

    private HttpServer camera;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void startCamera() throws IOException {
        camera = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        camera.setExecutor(Executors.newCachedThreadPool());
        camera.createContext("/drops", this::streamThatDropsMidFrame);
        camera.createContext("/stalls", this::streamThatStalls);
        camera.createContext("/snap.jpg", this::singleImage);
        camera.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCamera() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        camera.stop(0);
    }

    @Test
    void pullsTheStreamOfAnotherLivecam() throws Exception {
        try (TestServer origin = TestServer.start(data.resolve("origin"),
                c -> c.withCameras(List.of(new CameraConfig("src", "test:?size=320x240&fps=5", true, Duration.ofSeconds(1)))));
             TestServer relay = TestServer.start(data.resolve("relay"), c -> c.withCameras(List.of(new CameraConfig("cam",
                     "http://127.0.0.1:" + origin.port() + "/cameras/src/stream.mjpg", false, Duration.ofSeconds(1)))));
             StreamViewer viewer = new StreamViewer(relay.uri("/cameras/cam/stream.mjpg"))) {
            for (int i = 0; i < 5; i++) {
                assertThat(TestJpegs.decode(viewer.next()).getWidth()).isEqualTo(320);
            }
        }
    }

    @Test
    void connectionDroppedMidFrameGivesNoPartialFrameAndTheSourceReconnects() throws Exception {
        Collecting sink = new Collecting();
        FrameSource source = SourceSpecs.parse("http://viewer:s3cret@127.0.0.1:" + port() + "/drops", java.time.Clock.systemUTC());
        source.start(sink);
        try {
            Await.until(() -> connections.get() >= 2 && sink.frames.size() >= 4, Duration.ofSeconds(15), "a second connection");
        } finally {
            source.stop();
        }
        for (byte[] frame : sink.frames) {
            assertThat(Arrays.equals(frame, RED) || Arrays.equals(frame, GREEN)).as("only whole frames").isTrue();
        }
        assertThat(sink.problems).isNotEmpty().allMatch(p -> p.contains("closed the stream"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("viewer:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).isNotEmpty().allMatch(expected::equals);
        assertThat(source.describe()).doesNotContain("s3cret").contains("127.0.0.1");
        assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains("s3cret"));
    }

    @Test
    void streamWithNoFrameForTheStallTimeCountsAsAFailure() throws Exception {
        Collecting sink = new Collecting();
        FrameSource source = SourceSpecs.parse("http://127.0.0.1:" + port() + "/stalls#stall=1s", java.time.Clock.systemUTC());
        source.start(sink);
        try {
            Await.until(() -> connections.get() >= 2 && sink.frames.size() >= 2, Duration.ofSeconds(15), "a reconnect after the stall");
        } finally {
            source.stop();
        }
        assertThat(sink.problems).first().asString().contains("no frame for 1 s");
    }

    @Test
    void urlAnsweringSingleJpegsIsPolledAtTheGivenRate() throws Exception {
        Collecting sink = new Collecting();
        FrameSource source = SourceSpecs.parse("http://127.0.0.1:" + port() + "/snap.jpg#fps=5", java.time.Clock.systemUTC());
        source.start(sink);
        try {
            Await.until(() -> sink.frames.size() >= 3, Duration.ofSeconds(10), "three polled frames");
        } finally {
            source.stop();
        }
        assertThat(sink.frames).allMatch(f -> Arrays.equals(f, BLUE));
        assertThat(sink.problems).isEmpty();
    }

    private int port() {
        return camera.getAddress().getPort();
    }

    private void streamThatDropsMidFrame(HttpExchange exchange) throws IOException {
        connections.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=b");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(part(RED));
            out.write(part(GREEN));
            byte[] blue = part(BLUE);
            out.write(blue, 0, blue.length - BLUE.length / 2);
            out.flush();
        }
    }

    private void streamThatStalls(HttpExchange exchange) throws IOException {
        connections.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=b");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(part(RED));
        out.flush();
        try {
            Thread.sleep(20_000); // a stalled peer: the connection stays open and sends nothing more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private void singleImage(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, BLUE.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(BLUE);
        }
    }

    private static byte[] part(byte[] jpeg) {
        return JpegFixtures.concat(JpegFixtures.ascii("--b\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n"),
                jpeg, JpegFixtures.ascii("\r\n"));
    }

    /** Keeps copies of frames and the problems reported. */
    static final class Collecting implements FrameSink {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();

        @Override
        public void accept(ByteBuffer jpeg) {
            byte[] copy = new byte[jpeg.remaining()];
            jpeg.get(copy);
            frames.add(copy);
        }

        @Override
        public void sourceFailed(String problem) {
            problems.add(problem);
        }
    }
}
