package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livecam.Livecam;
import org.livecam.http.PlainFanout;
import picocli.CommandLine;

/** The plain fan-out reference can be loaded by {@code livecam bench} exactly as livecam is. */
class PlainFanoutTest {
    @ParameterizedTest
    @ValueSource(strings = {"mjpeg", "ws"})
    void benchLoadsTheReferenceOverBothProtocols(String protocol) {
        try (PlainFanout.Running fanout = PlainFanout.start(0, "ref-token")) {
            CommandLine livecam = Livecam.commandLine();
            int exit = livecam.execute("bench", "--server", "http://127.0.0.1:" + fanout.port(), "--token", "ref-token",
                    "--protocol", protocol, "--viewers", "3", "--fps", "15", "--size", "320x240", "--frames", "5",
                    "--duration", "2s", "--warmup", "1s", "--progress", "1s");
            assertThat(exit).isZero();
            BenchResult result = ((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).result();
            assertThat(result.viewersOpenAtEnd()).isEqualTo(3);
            assertThat(result.publishFailures()).isZero();
            assertThat(result.freshFpsMin()).as("every viewer sees the camera move").isGreaterThan(1);
            assertThat(result.latencySamples()).as("the frames are the published bytes, stamp included").isPositive();
        }
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        try (PlainFanout.Running fanout = PlainFanout.start(0, "ref-token")) {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fanout.port() + "/cameras/a/frame"))
                            .header("Authorization", "Bearer wrong").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(401);
        }
    }
}
