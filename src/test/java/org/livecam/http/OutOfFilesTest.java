package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.ServeProcess;

/**
 * The server runs out of file descriptors (its open-file limit lowered under it with prlimit):
 * failed accepts are logged once per burst, not once per connection, and once descriptors are
 * free again new connections are served.
 */
class OutOfFilesTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void acceptFailuresAreLoggedOncePerBurstAndTheServerRecovers() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (ServeProcess server = ServeProcess.start(data)) {
            assertThat(healthz(server)).isEqualTo(200);
            server.limitOpenFiles(server.openFiles() + 10);
            try {
                for (int i = 0; i < 40; i++) { // the kernel completes these; the server cannot take them all
                    sockets.add(new Socket("127.0.0.1", server.port()));
                }
                Await.until(() -> !lines(server, "Cannot accept new connections").isEmpty(), LIMIT, "the failing accepts said");
                // The burst goes on past Netty's one-second retry: more connections the server cannot take.
                long burstEnds = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                Await.until(() -> connect(server, sockets) && System.nanoTime() > burstEnds, LIMIT, "a burst of 4 s");
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            Await.until(() -> healthz(server) == 200, LIMIT, "a new request served once descriptors are free");
            // Said by the first connection a couple of seconds after the last failure, not by the odd
            // one the retries took in between.
            Await.until(() -> healthz(server) == 200 && !lines(server, "Accepting connections again").isEmpty(), LIMIT,
                    "the recovery said, in " + server.out());
            assertThat(lines(server, "Cannot accept new connections")).as("one line for the burst").hasSize(1)
                    .allMatch(line -> line.contains("WARN") && line.contains("Too many open files"));
            assertThat(lines(server, "Accepting connections again")).hasSize(1);
            assertThat(lines(server, "tail of the pipeline")).as("Netty's own line, once a second, is gone").isEmpty();
        }
    }

    private static boolean connect(ServeProcess server, List<Socket> sockets) {
        try {
            sockets.add(new Socket("127.0.0.1", server.port()));
        } catch (IOException e) {
            // the kernel's queue is full too: still a burst
        }
        return true;
    }

    private static List<String> lines(ServeProcess server, String text) {
        return server.out().stream().filter(line -> line.contains(text)).toList();
    }

    /** The status of {@code GET /healthz} on a new connection (a pooled one would not need an accept), or -1. */
    private static int healthz(ServeProcess server) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII); // HTTP/1.1 200
            return status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
