package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.http.TlsFiles;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** {@code livecam bench --server https://... --ca FILE}: the publisher and every viewer speak TLS to the real server. */
class BenchOverTlsTest {
    @Test
    void mjpegAndWebSocketViewersReadFramesOverTls(@TempDir Path data, @TempDir Path certs) {
        TestCertificates ca = TestCertificates.newCa(certs);
        Path cert = certs.resolve("fullchain.pem");
        Path key = certs.resolve("privkey.pem");
        ca.issue(cert, key, TestCertificates.KeyForm.PKCS8_EC);
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(cert, key))))) {
            for (String protocol : new String[] {"mjpeg", "ws"}) {
                CommandLine livecam = Livecam.commandLine();
                int exit = livecam.execute("bench",
                        "--server", "https://127.0.0.1:" + server.port(), "--ca", ca.caFile().toString(), "--token", TestServer.TOKEN,
                        "--camera", "bench", "--protocol", protocol, "--viewers", "4", "--fps", "15", "--size", "640x360", "--frames", "5",
                        "--duration", "2s", "--warmup", "3s", "--progress", "1s"); // handshakes take the loops a while on a busy machine

                assertThat(exit).as(protocol).isZero();
                BenchResult result = ((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).result();
                assertThat(result.viewersConnected()).as(protocol).isEqualTo(4);
                assertThat(result.viewersOpenAtEnd()).as(protocol).isEqualTo(4);
                assertThat(result.freshFpsMedian()).as("%s viewers see the camera move", protocol).isGreaterThan(0);
                assertThat(result.latencySamples()).as(protocol).isGreaterThan(0);
            }
        }
    }
}
