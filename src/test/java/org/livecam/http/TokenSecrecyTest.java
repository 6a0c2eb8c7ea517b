package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.slf4j.LoggerFactory;

/** The token never appears in a log line, not even at DEBUG. */
class TokenSecrecyTest {
    @TempDir
    Path data;

    @Test
    void neitherTheTokenNorThePasswordIsEverLogged() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger livecam = context.getLogger("org.livecam");
        Level before = livecam.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.setContext(context);
        logged.start();
        root.addAppender(logged);
        livecam.setLevel(Level.DEBUG);
        try (TestServer server = TestServer.start(data)) {
            server.publish("porch", TestJpegs.solid(64, 48, Color.RED));
            server.send(HttpRequest.newBuilder(server.uri("/cameras/porch/frame"))
                    .header("Authorization", "Bearer " + TestServer.TOKEN + "-wrong")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.RED))).build());
            server.send(HttpRequest.newBuilder(server.uri("/?password=" + TestServer.PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.RED))).build());
            server.send(HttpRequest.newBuilder(server.uri("/?password=" + TestServer.PASSWORD + "-wrong"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.RED))).build());
            try (MjpegReader viewer = MjpegReader.open(server.port(), "/cameras/porch/stream.mjpg")) {
                viewer.next();
            }
        } finally {
            root.detachAppender(logged);
            livecam.setLevel(before);
        }
        assertThat(logged.list).as("something was logged at all").isNotEmpty();
        for (ILoggingEvent event : logged.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(TestServer.TOKEN).doesNotContain(TestServer.PASSWORD);
        }
    }
}
