package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.StartupException;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestCertificates.KeyForm;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** {@code --tls-cert} and {@code --tls-key}: the real server over real TLS, with certificates openssl makes. */
class TlsServerTest {
    @TempDir
    Path data;
    @TempDir
    Path certs;

    private TestCertificates ca;
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void makeCertificates() {
        ca = TestCertificates.newCa(certs);
        certFile = certs.resolve("fullchain.pem");
        keyFile = certs.resolve("privkey.pem");
    }

    private TestServer startHttps() {
        return TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(certFile, keyFile))));
    }

    private static URI https(TestServer server, String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void snapshotsAndThePageComeOverHttpsWithHttp2() throws Exception {
        ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        try (TestServer server = startHttps()) {
            HttpClient client = ca.client();
            byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
            HttpResponse<String> published = client.send(HttpRequest.newBuilder(https(server, "/cameras/door/frame"))
                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(200);

            HttpResponse<byte[]> snapshot = client.send(HttpRequest.newBuilder(https(server, "/cameras/door/snapshot.jpg")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.version()).as("ALPN picked HTTP/2").isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(snapshot.body()).isEqualTo(jpeg);

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(https(server, "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(page.body()).contains("<html");
        }
    }

    @Test
    void aRefusedUploadOverHttp2LeavesTheOtherRequestsOnItsConnectionAlone() throws Exception {
        // Closing the connection to refuse one upload sent GOAWAY and broke the client's next
        // requests on the same connection: HTTP/2 ends only the refused stream.
        ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        try (TestServer server = startHttps()) {
            HttpClient h2 = ca.client();
            publish(server, Color.RED);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = h2.send(HttpRequest.newBuilder(https(server, "/cameras/cam/frame"))
                        .header("Authorization", "Bearer wrong")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, Color.BLUE))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(h2.send(HttpRequest.newBuilder(https(server, "/cameras/cam/snapshot.jpg")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void anMjpegStreamFlowsOverHttp1AndOverHttp2() throws Exception {
        ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        try (TestServer server = startHttps()) {
            server.server().cameras().getOrCreate("cam");
            publish(server, Color.BLUE);
            try (SSLSocket socket = (SSLSocket) ca.trust().getSocketFactory().createSocket("127.0.0.1", server.port());
                 MjpegReader stream = MjpegReader.over(socket, "/cameras/cam/stream.mjpg")) {
                assertThat(stream.status()).isEqualTo(200);
                long first = stream.next().sequence();
                publish(server, Color.GREEN);
                MjpegReader.Part next = stream.nextNewerThan(first);
                assertThat(TestJpegs.centre(next.body()).getGreen()).isGreaterThan(200);
            }

            // Over HTTP/2, as Chromium fetches an <img>: the parts arrive as the stream's DATA frames.
            HttpResponse<InputStream> h2 = ca.client().sendAsync(HttpRequest.newBuilder(https(server, "/cameras/cam/stream.mjpg")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            try (MjpegReader stream = MjpegReader.of(h2.body(), h2.headers().firstValue("content-type").orElseThrow())) {
                long first = stream.next().sequence();
                publish(server, Color.RED);
                assertThat(TestJpegs.centre(stream.nextNewerThan(first).body()).getRed()).isGreaterThan(200);
            }
        }
    }

    @Test
    void aViewerWebSocketWorksOverWss() throws Exception {
        ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        try (TestServer server = startHttps()) {
            server.server().cameras().getOrCreate("cam");
            publish(server, Color.BLUE);
            URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/cameras/cam/ws");
            try (WebSocketTestClient socket = WebSocketTestClient.connect(ca.client(), wss)) {
                WebSocketTestClient.Received first = socket.nextFrame();
                assertThat(TestJpegs.centre(first.jpeg()).getBlue()).isGreaterThan(200);
                publish(server, Color.GREEN);
                assertThat(TestJpegs.centre(socket.frameOf("cam", first.seq() + 1).jpeg()).getGreen()).isGreaterThan(200);
            }
        }
    }

    @Test
    void aRenewedCertificateReachesNewConnectionsWithoutARestart() throws Exception {
        BigInteger original = ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        try (TestServer server = startHttps()) {
            assertThat(servedSerial(server)).isEqualTo(original);
            try (SSLSocket open = (SSLSocket) ca.trust().getSocketFactory().createSocket("127.0.0.1", server.port())) {
                open.startHandshake();
                BigInteger renewed = ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
                long renewedAt = System.nanoTime();
                Await.until(() -> renewed.equals(servedSerial(server)), Duration.ofSeconds(10), "the renewed certificate served");
                System.out.printf("renewed certificate served after %d ms%n", (System.nanoTime() - renewedAt) / 1_000_000);
                assertThat(serial(open)).as("an open connection keeps its certificate").isEqualTo(original);
            }
            assertThat(snapshotStatus(server)).as("still serving, on the new certificate").isEqualTo(404);
        }
    }

    @Test
    void keysInTheFormsOpensslAndCertbotWriteAreServed() throws Exception {
        for (KeyForm form : KeyForm.values()) {
            ca.issue(certFile, keyFile, form);
            try (TestServer server = startHttps()) {
                assertThat(snapshotStatus(server)).as("%s key", form).isEqualTo(404);
            }
        }
        assertThat(Files.readString(keyFile)).contains("BEGIN RSA PRIVATE KEY");
    }

    @Test
    void aMissingUnreadableOrMismatchedFileStopsTheStartWithOneLine() throws Exception {
        assertThatThrownBy(this::startHttps).isInstanceOf(StartupException.class)
                .hasMessage("--tls-cert " + certFile + ": no such file");

        ca.issue(certFile, keyFile, KeyForm.PKCS8_EC);
        Path otherCert = certs.resolve("other.pem");
        Path otherKey = certs.resolve("other.key");
        ca.issue(otherCert, otherKey, KeyForm.PKCS8_EC);
        assertThatThrownBy(() -> TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(certFile, otherKey)))))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("--tls-key " + otherKey + " is not the key of the certificate in --tls-cert " + certFile);

        Files.writeString(otherKey, "not a key\n");
        assertThatThrownBy(() -> TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(certFile, otherKey)))))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("--tls-key " + otherKey + ": not a PEM private key");

        Files.writeString(otherCert, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(otherCert, keyFile)))))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("--tls-cert " + otherCert + ": ")
                .hasMessageNotContaining("\n");
    }

    private void publish(TestServer server, Color color) throws Exception {
        HttpResponse<String> answer = ca.client().send(HttpRequest.newBuilder(https(server, "/cameras/cam/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(64, 48, color))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private int snapshotStatus(TestServer server) throws Exception {
        return ca.client().send(HttpRequest.newBuilder(https(server, "/cameras/none/snapshot.jpg")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The serial of the certificate a new connection is served. */
    private BigInteger servedSerial(TestServer server) {
        try (SSLSocket socket = (SSLSocket) ca.trust().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            return serial(socket);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial(SSLSocket socket) {
        try {
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
