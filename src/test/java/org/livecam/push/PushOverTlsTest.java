package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.push;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.http.TlsFiles;
import org.livecam.testing.Await;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** {@code livecam push --server https://...}: the server's certificate is checked, against {@code --ca} when given. */
class PushOverTlsTest {
    @TempDir
    Path data;
    @TempDir
    Path certs;

    private TestServer startHttps(TestCertificates ca) {
        Path cert = certs.resolve("fullchain.pem");
        Path key = certs.resolve("privkey.pem");
        ca.issue(cert, key, TestCertificates.KeyForm.PKCS8_EC);
        return TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(cert, key))));
    }

    @Test
    void pushWithThePrivateCaPublishesOverHttpsAndOverWss() throws Exception {
        TestCertificates ca = TestCertificates.newCa(certs);
        try (TestServer server = startHttps(ca)) {
            String url = "https://127.0.0.1:" + server.port();
            for (String transport : new String[] {"http", "ws"}) {
                String camera = "tls-" + transport;
                try (PushSession session = push("--server", url, "--camera", camera, "--token", TestServer.TOKEN,
                        "--ca", ca.caFile().toString(), "--transport", transport, "--stats-interval", "0", "test:?size=160x120&fps=10")) {
                    Await.until(() -> session.uploader().stats().sent() >= 3, Duration.ofSeconds(20), "3 frames sent over " + transport);
                    assertThat(latest(server, camera)).isNotNull();
                    assertThat(session.uploader().stats().lastError()).isNull();
                }
            }
        }
    }

    @Test
    void withoutTheCaTheServerIsNotTrustedAndTheErrorSaysSo() throws Exception {
        TestCertificates ca = TestCertificates.newCa(certs);
        try (TestServer server = startHttps(ca);
             PushSession session = push("--server", "https://127.0.0.1:" + server.port(), "--camera", "untrusted",
                     "--token", TestServer.TOKEN, "--stats-interval", "0", "test:?size=160x120&fps=10")) {
            UploadStats stats = session.uploader().stats();
            Await.until(() -> stats.lastError() != null, Duration.ofSeconds(20), "an upload fails");
            assertThat(stats.lastError())
                    .startsWith("TLS with 127.0.0.1:" + server.port() + " failed")
                    .contains("not signed by a CA this machine trusts")
                    .contains("--ca FILE");
            assertThat(stats.sent()).isZero();
            assertThat(latest(server, "untrusted")).isNull();
        }
    }

    @Test
    void aCaFileWithoutCertificatesIsAUsageError() throws Exception {
        Path empty = Files.writeString(certs.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> push("--server", "https://127.0.0.1:1", "--camera", "x", "--token", "t",
                "--ca", empty.toString(), "test:"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--ca " + empty);
    }
}
