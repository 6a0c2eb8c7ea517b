package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** The load tool against the real server for a couple of seconds: the report's numbers are sane. */
class BenchCommandTest {
    @Test
    void shortRunReportsFramesLatencyAndProcessStats(@TempDir Path data) {
        try (TestServer server = TestServer.start(data)) {
            CommandLine livecam = Livecam.commandLine(); // as main() parses it
            int exit = livecam.execute("bench",
                    "--server", "http://127.0.0.1:" + server.port(), "--token", TestServer.TOKEN,
                    "--camera", "bench", "--viewers", "4", "--fps", "15", "--size", "640x360", "--frames", "5",
                    "--duration", "2s", "--warmup", "1s", "--progress", "1s",
                    "--slow-viewers", "1", "--slow-rate", "200KB/s",
                    "--server-pid", Long.toString(ProcessHandle.current().pid()));

            assertThat(exit).isZero();
            BenchResult result = ((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).result();
            assertThat(result.viewersConnected()).isEqualTo(5);
            assertThat(result.viewersOpenAtEnd()).isEqualTo(5);
            assertThat(result.publishedFps()).isGreaterThan(3);
            // Generous: a loaded CI machine may drop frames, but every viewer must see the camera move.
            assertThat(result.freshFpsMin()).isGreaterThan(1);
            assertThat(result.freshFpsMedian()).isLessThanOrEqualTo(result.publishedFps() * 1.5);
            assertThat(result.megabytesPerSecond()).isGreaterThan(0);
            assertThat(result.latencySamples()).isGreaterThan(0);
            assertThat(result.latencyP50Micros()).isGreaterThan(0).isLessThanOrEqualTo(result.latencyP99Micros());
            assertThat(result.latencyP99Micros()).isLessThan(5_000_000);
            assertThat(result.slowViewersWithFrames()).isEqualTo(1);
            assertThat(result.slowAgeMaxMicros()).isGreaterThan(0);
            assertThat(result.serverRssKb()).isGreaterThan(0);
            assertThat(result.serverCpuPercent()).isGreaterThan(0);
            // Parts of the same process's ticks: the kernel's read from the same sample, the JIT's from its threads a moment later.
            assertThat(result.serverKernelCpuPercent()).isBetween(0.0, result.serverCpuPercent());
            assertThat(result.serverJitCpuPercent()).isBetween(0.0, result.serverCpuPercent() + 1);
            assertThat(result.toolCpuPercent()).isGreaterThanOrEqualTo(0);
            assertThat(server.server().cameras().get("bench")).isPresent();
        }
    }

    @Test
    void widthMakesViewersWatchTheResizedVariant(@TempDir Path data) {
        try (TestServer server = TestServer.start(data)) {
            CommandLine livecam = Livecam.commandLine();
            int exit = livecam.execute("bench",
                    "--server", "http://127.0.0.1:" + server.port(), "--token", TestServer.TOKEN,
                    "--camera", "bench", "--viewers", "3", "--fps", "10", "--size", "640x360", "--frames", "5",
                    "--duration", "2s", "--warmup", "1s", "--progress", "1s", "--width", "320");

            assertThat(exit).isZero();
            BenchResult result = ((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).result();
            assertThat(result.viewersOpenAtEnd()).isEqualTo(3);
            // Resized frames carry no stamp: they count as frames, but give no latency.
            assertThat(result.freshFpsMin()).isGreaterThan(1);
            assertThat(result.latencySamples()).isZero();
            String cameras = new String(server.get("/api/cameras").body(), StandardCharsets.UTF_8);
            assertThat(cameras).contains("\"width\":320");
        }
    }
}
