package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * Plain http:// is HTTP/1.1, as nginx serves it: clients that ask to upgrade to h2c get their
 * answer in HTTP/1.1, whole. Before, the upgrade's first frames came right behind the 101 in the
 * same read and both usual clients stumbled on them: curl --http2 (7.88) gave up on 8 % of
 * 67 KB snapshots ("connection buffer size is too small"), java.net.http on about 2 % of 3.8 MB
 * ones ("Frame ... exceeds MAX_FRAME_SIZE"). HTTP/2 over TLS is TlsServerTest's.
 */
class CleartextHttpTest {
    private static final int FETCHES = 20;

    @TempDir
    Path data;

    @Test
    void javaNetHttpAskingForHttp2GetsEveryBigSnapshotWholeOverHttp11() throws Exception {
        byte[] big = TestJpegs.noise(1600, 1200, 7, 1.0f);
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.publish("big", big).statusCode()).isEqualTo(200);
            for (int i = 0; i < FETCHES; i++) {
                HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build(); // a new connection: a new upgrade offer
                HttpResponse<byte[]> snapshot = fresh.send(HttpRequest.newBuilder(server.uri("/cameras/big/snapshot.jpg")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(snapshot.version()).as("fetch %d", i).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(snapshot.body()).as("fetch %d", i).isEqualTo(big);
            }
        }
    }

    @Test
    void curlDashDashHttp2GetsEverySnapshotWholeOverHttp11() throws Exception {
        assumeTrue(curlSpeaksHttp2(), "curl with HTTP/2 (scripts/test installs Debian's, which has it)");
        byte[] jpeg = TestJpegs.noise(320, 240, 3, 0.9f); // about 120 KB, more than curl 7.88 kept behind a 101
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.publish("cam", jpeg).statusCode()).isEqualTo(200);
            Path out = data.resolve("got.jpg");
            for (int i = 0; i < FETCHES; i++) {
                Process curl = new ProcessBuilder("curl", "-sS", "--http2", "-o", out.toString(), "-w", "%{http_version}",
                        server.uri("/cameras/cam/snapshot.jpg").toString()).redirectErrorStream(true).start();
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String said = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(curl.exitValue()).as("fetch %d: %s", i, said).isZero();
                assertThat(said).as("the HTTP version curl got").isEqualTo("1.1");
                assertThat(Files.readAllBytes(out)).as("fetch %d", i).isEqualTo(jpeg);
            }
        }
    }

    private static boolean curlSpeaksHttp2() {
        try {
            Process curl = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String version = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return curl.waitFor(10, TimeUnit.SECONDS) && version.contains("HTTP2");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
