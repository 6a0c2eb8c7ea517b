package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.AccessRule;
import org.livecam.config.DemoCamera;
import org.livecam.http.TlsFiles;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestServer;

/**
 * ffmpeg reads an MJPEG stream over HTTPS, checking the server's certificate against the test CA;
 * a private camera's with {@code https://user:pass@host/...}, as people write it.
 */
class FfmpegOverTlsTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int FRAMES = 3;

    @TempDir
    Path data;
    @TempDir
    Path certs;

    @Test
    void ffmpegDecodesFramesFromAnHttpsStream() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute() || FfmpegClientTest.onPath("ffmpeg"),
                "ffmpeg is not installed (scripts/test installs it)");
        TestCertificates ca = TestCertificates.newCa(certs);
        TlsFiles tls = serverCertificate(ca);
        try (TestServer server = TestServer.start(data, c -> c.withCamera(DemoCamera.of("demo", WIDTH, HEIGHT, 10, Duration.ofSeconds(10)))
                .withHttp(h -> h.withTls(tls)))) {
            byte[] pixels = FfmpegClientTest.decodeRgb("https://127.0.0.1:" + server.port() + "/cameras/demo/stream.mjpg", FRAMES,
                    "-tls_verify", "1", "-ca_file", ca.caFile().toString());
            assertThat(pixels.length).isEqualTo(FRAMES * WIDTH * HEIGHT * 3);
        }
    }

    @Test
    void ffmpegWithUserAndPasswordReadsAPrivateCameraOverHttps() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute() || FfmpegClientTest.onPath("ffmpeg"),
                "ffmpeg is not installed (scripts/test installs it)");
        TestCertificates ca = TestCertificates.newCa(certs);
        TlsFiles tls = serverCertificate(ca);
        Path users = Htpasswd.add(certs.resolve("users"), "alice", "door-pass-9");
        try (TestServer server = TestServer.start(data, c -> c.withCamera(DemoCamera.of("door", WIDTH, HEIGHT, 10, Duration.ofSeconds(10)))
                .withHttp(h -> h.withTls(tls))
                .withAccess(a -> a.withUsersFile(users).withCamera("door", AccessRule.onlyUsers(List.of("alice")))))) {
            byte[] pixels = FfmpegClientTest.decodeRgb("https://alice:door-pass-9@127.0.0.1:" + server.port() + "/cameras/door/stream.mjpg",
                    FRAMES, "-tls_verify", "1", "-ca_file", ca.caFile().toString());
            assertThat(pixels.length).isEqualTo(FRAMES * WIDTH * HEIGHT * 3);
        }
    }

    /** A certificate for 127.0.0.1 signed by {@code ca}, with its key. */
    private TlsFiles serverCertificate(TestCertificates ca) throws Exception {
        Path cert = certs.resolve("fullchain.pem");
        Path key = certs.resolve("privkey.pem");
        ca.issue(cert, key, TestCertificates.KeyForm.PKCS8_EC);
        return new TlsFiles(cert, key);
    }
}
