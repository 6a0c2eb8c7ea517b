package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
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

    @Test
    void theJdkWebSocketsWrappedFailuresAndCloseCodesAreSaidInWords() {
        ConnectException refused = new ConnectException();
        assertThat(UploadErrors.describe(new CompletionException(refused), URI.create("wss://cams.example.org/cameras/g/publish"), Duration.ofSeconds(1)))
                .isEqualTo("cannot connect to cams.example.org:443: connection refused or host unreachable");
        assertThat(UploadErrors.socketClosed(1008, "wrong publish token"))
                .isEqualTo("WebSocket closed by the server (1008 policy violation): wrong publish token");
        assertThat(UploadErrors.socketClosed(1009, "")).contains("1009", "--max-frame-bytes");
        assertThat(UploadErrors.socketClosed(1006, null)).contains("connection lost");
    }
}
