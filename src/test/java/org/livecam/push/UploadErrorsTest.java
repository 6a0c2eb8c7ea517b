package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadErrorsTest {
    private static final URI TARGET = URI.create("https://cams.example.org/cameras/garden/frame");

    @Test
    void aBareRefusedConnectIsSaidInWordsWithTheHostAndPort() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        assertThat(UploadErrors.describe(refused, TARGET, Duration.ofSeconds(10)))
                .isEqualTo("cannot connect to cams.example.org:443: connection refused or host unreachable");
    }

    @Test
    void timeoutsSayHowLongItWaited() {
        assertThat(UploadErrors.describe(new HttpConnectTimeoutException("x"), TARGET, Duration.ofSeconds(10)))
                .isEqualTo("cannot connect to cams.example.org:443: no answer within 10000 ms");
    }

    @Test
    void otherFailuresCarryTheFirstMessageInTheirCauses() {
        assertThat(UploadErrors.describe(new IOException(new IOException("Broken pipe")), URI.create("http://h:8080/x"), Duration.ofSeconds(1)))
                .isEqualTo("connection to h:8080 failed: java.io.IOException: Broken pipe");
    }

    @Test
    void livecamsJsonErrorGivesItsMessageAndAnythingElseIsShortened() {
        assertThat(UploadErrors.fromAnswer("{\"status\":401,\"error\":\"wrong publish token\"}\n")).isEqualTo("wrong publish token");
        assertThat(UploadErrors.fromAnswer("<html>\n<body>502 Bad Gateway</body></html>")).isEqualTo("<html> <body>502 Bad Gateway</body></html>");
        assertThat(UploadErrors.fromAnswer("x".repeat(500))).hasSize(203);
        assertThat(UploadErrors.fromAnswer("")).isEqualTo("(no message)");
    }
}
