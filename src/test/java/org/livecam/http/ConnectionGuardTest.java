package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.wire.InputFeed;
import org.livecam.wire.ResponseHead;

/**
 * Connection hygiene against the real server: idle sockets are closed, streams never are, and
 * past --max-connections a request gets 503. The timeouts are shortened to 1 s so the test is quick.
 */
class ConnectionGuardTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path data;

    private TestServer start(int maxConnections) {
        return TestServer.start(data, c -> c.withHttp(h -> h.withConnections(new ConnectionLimits(SHORT, SHORT, maxConnections))));
    }

    @Test
    void aThousandHalfSentRequestsAndSilentConnectionsAreClosedByTheServer() throws Exception {
        try (TestServer server = start(10_000)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    Socket socket = connect(server);
                    socket.getOutputStream().write("GET /cameras/door/snaps".getBytes(StandardCharsets.US_ASCII));
                    sockets.add(socket);
                }
                for (int i = 0; i < 10; i++) {
                    sockets.add(connect(server)); // and a few that send nothing at all
                }
                int closed = 0;
                for (Socket socket : sockets) {
                    socket.setSoTimeout(15_000);
                    if (closedByServer(socket)) {
                        closed++;
                    }
                }
                assertThat(closed).as("half-sent requests and silent connections the server closed").isEqualTo(1010);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            assertThat(server.get("/healthz").statusCode()).as("the server still serves").isEqualTo(200);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (TestServer server = start(10_000); Socket socket = connect(server)) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputFeed feed = new InputFeed(socket.getInputStream(), 4096);
            ResponseHead head = feed.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(new String(feed.read((int) head.contentLength()), StandardCharsets.US_ASCII)).isEqualTo("ok\n");
            socket.setSoTimeout(15_000);
            assertThat(closedByServer(socket)).as("closed once idle").isTrue();
        }
    }

    @Test
    void aSecondRequestHeadTrickledSlowlyIsClosedAfterTheHeaderTimeoutNotTheKeepAliveOne() throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withConnections(new ConnectionLimits(SHORT, Duration.ofSeconds(60), 100))));
             Socket socket = connect(server)) {
            assertThat(get(socket, "/healthz").status()).isEqualTo(200);
            socket.getInputStream().readNBytes(3); // "ok\n": the first answer is over, the connection is idle
            byte[] head = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            try {
                // One byte every 250 ms: the head takes about 9 s, far past the 1 s header timeout, far within the keep-alive one.
                for (; sent < head.length; sent++) {
                    socket.getOutputStream().write(head[sent]);
                    socket.getOutputStream().flush();
                    Thread.sleep(250); // the trickle itself, not a wait for something
                }
            } catch (SocketException closed) {
                // the server closed it while the head was still coming: what this test wants
            }
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (SocketTimeoutException e) {
                answer = "(the connection is still open)".getBytes(StandardCharsets.US_ASCII);
            } catch (SocketException reset) {
                answer = new byte[0];
            }
            assertThat(new String(answer, StandardCharsets.US_ASCII)).as("what came back after a trickled head (%d of %d bytes sent)", sent, head.length).isEmpty();
            assertThat(sent).as("bytes of the head sent before the server closed the connection").isLessThan(head.length);
        }
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheHeaderTimeoutAndServesItsNextRequest() throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withConnections(new ConnectionLimits(SHORT, Duration.ofSeconds(60), 100))));
             Socket socket = connect(server)) {
            assertThat(get(socket, "/healthz").status()).isEqualTo(200);
            socket.getInputStream().readNBytes(3);
            long start = System.nanoTime();
            Await.until(() -> System.nanoTime() - start > 3 * SHORT.toNanos(), Duration.ofSeconds(10), "three header timeouts pass");
            assertThat(get(socket, "/healthz").status()).as("the next request, sent whole, on the idle connection").isEqualTo(200);
        }
    }

    @Test
    void pastMaxConnectionsARequestGets503AndTheConnectionCloses() throws Exception {
        try (TestServer server = start(3)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = connect(server);
                    held.add(socket);
                    assertThat(get(socket, "/healthz").status()).isEqualTo(200);
                }
                try (Socket fourth = connect(server)) {
                    ResponseHead refused = get(fourth, "/healthz");
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("Retry-After")).isNotNull();
                    fourth.setSoTimeout(15_000);
                    InputStream in = fourth.getInputStream();
                    in.skip(refused.contentLength());
                    assertThat(closedByServer(fourth)).as("the refused connection is closed").isTrue();
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            Await.until(() -> server.get("/healthz").statusCode() == 200, Duration.ofSeconds(10), "served again once they closed");
        }
    }

    @Test
    void quietStreamsSocketsAndLongSnapshotWaitsOutliveTheTimeouts() throws Exception {
        try (TestServer server = start(10_000)) {
            server.publish("cam", TestJpegs.solid(64, 48, Color.BLUE));
            long seq = server.server().cameras().get("cam").orElseThrow().latest().sequence();
            CompletableFuture<HttpResponse<byte[]>> waiting = server.client().sendAsync(
                    HttpRequest.newBuilder(server.uri("/cameras/cam/snapshot.jpg?after=" + seq)).build(), HttpResponse.BodyHandlers.ofByteArray());
            try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/cam/stream.mjpg");
                 WebSocketTestClient socket = WebSocketTestClient.connect(server.client(), URI.create("ws://127.0.0.1:" + server.port() + "/cameras/cam/ws"));
                 Socket idle = connect(server)) {
                long first = stream.next().sequence();
                socket.nextFrame();
                // An idle connection opened alongside: once the server has closed it, the timeouts have had their chance.
                idle.setSoTimeout(15_000);
                assertThat(closedByServer(idle)).isTrue();
                long start = System.nanoTime();
                Await.until(() -> System.nanoTime() - start > 3 * SHORT.toNanos(), Duration.ofSeconds(10), "three timeouts pass");

                server.publish("cam", TestJpegs.solid(64, 48, Color.GREEN));
                assertThat(TestJpegs.centre(stream.nextNewerThan(first).body()).getGreen()).as("the MJPEG stream still flows").isGreaterThan(200);
                assertThat(TestJpegs.centre(socket.frameOf("cam", seq + 1).jpeg()).getGreen()).as("the WebSocket still flows").isGreaterThan(200);
                HttpResponse<byte[]> waited = waiting.get();
                assertThat(waited.statusCode()).as("the ?after= wait got its frame").isEqualTo(200);
                assertThat(TestJpegs.centre(waited.body()).getGreen()).isGreaterThan(200);
            }
        }
    }

    @Test
    void aTlsConnectionThatNeverHandshakesIsClosed(@TempDir Path certs) throws Exception {
        TestCertificates ca = TestCertificates.newCa(certs);
        Path cert = certs.resolve("fullchain.pem");
        Path key = certs.resolve("privkey.pem");
        ca.issue(cert, key, TestCertificates.KeyForm.PKCS8_EC);
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(cert, key))
                .withConnections(new ConnectionLimits(SHORT, SHORT, 100))));
             Socket silent = connect(server)) {
            silent.setSoTimeout(15_000);
            assertThat(closedByServer(silent)).isTrue();
        }
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    private static ResponseHead get(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return new InputFeed(socket.getInputStream(), 1).readHead();
    }

    /** True when the server closed the socket (end of stream or a reset) before its read timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the server sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }
}
