package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.frame.Jpeg;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** The loads of issue 8 against the real server: viewers that stall once, identical frames, the sizes viewers get. */
class BenchLoadsTest {
    @Test
    void viewersThatStallOnceAreReportedByWhatTheyGetAfterTheStall(@TempDir Path data) {
        try (TestServer server = TestServer.start(data)) {
            Run run = bench(server, "--viewers", "2", "--stall-viewers", "2", "--stall-for", "1s", "--duration", "3s");
            assertThat(run.result.viewersConnected()).isEqualTo(4);
            assertThat(run.result.stalledConnected()).isEqualTo(2);
            assertThat(run.result.stalledFreshFpsMin()).as("frames after the stall").isGreaterThan(1);
            assertThat(run.output).contains("stalled once     2 of 2 connected, stalled 1.0 s; after it fresh fps min");
        }
    }

    @Test
    void sameFrameSendsByteIdenticalCopiesThatTheServerCountsAndDoesNotSendOn(@TempDir Path data) {
        try (TestServer server = TestServer.start(data)) {
            Run run = bench(server, "--viewers", "3", "--same-frame", "--duration", "2s");
            JsonObject camera = new JsonObject(new String(server.get("/api/cameras/bench").body(), StandardCharsets.UTF_8));
            assertThat(camera.getLong("frames_identical")).as("copies the server recognised").isGreaterThan(10);
            assertThat(camera.getLong("sequence")).as("one picture").isEqualTo(1);
            assertThat(run.result.partsPerSecondMedian()).as("parts per viewer per second while 15 copies/s came")
                    .isLessThan(run.result.publishedFps() / 3);
            assertThat(run.output).contains("same frame       one byte-identical frame sent again and again");
        }
    }

    @Test
    void variantViewersSayWhichSizeTheyGot(@TempDir Path data) {
        try (TestServer server = TestServer.start(data)) {
            Run run = bench(server, "--viewers", "2", "--width", "320", "--duration", "2s");
            assertThat(run.result.sizes()).isEqualTo("fast 320x180 100%");
            assertThat(run.output).contains("sizes            fast 320x180 100%");
        }
    }

    @Test
    void widthIsANumberOrAuto() {
        CommandLine livecam = Livecam.commandLine();
        livecam.setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(livecam.execute("bench", "--token", "t", "--width", "big")).isEqualTo(2);
        assertThat(livecam.execute("bench", "--token", "t", "--stall-viewers", "1", "--stall-for", "30s", "--duration", "10s")).isEqualTo(2);
    }

    @Test
    void aViewerThatStallsReadsNothingUntilTheStallEnds() {
        MeasureWindow stall = new MeasureWindow();
        stall.close(2_000);
        stall.open(1_000);
        LoadViewerSocket socket = new LoadViewerSocket(null, null, 0, 0).stallingDuring(stall);
        assertThat(socket.allowance(999)).isEqualTo(Integer.MAX_VALUE);
        assertThat(socket.allowance(1_500)).isZero();
        assertThat(socket.nextReadNanos(1_500)).isEqualTo(2_000);
        assertThat(socket.allowance(2_000)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theSizeIsReadFromAJpegsFirstBytes() {
        byte[] jpeg = TestJpegs.solid(320, 180, Color.RED);
        assertThat(MjpegLoadViewer.sizeOf(jpeg, Math.min(jpeg.length, MjpegLoadViewer.SIZE_PREFIX_BYTES))).isEqualTo(new Jpeg.Size(320, 180));
        assertThat(MjpegLoadViewer.sizeOf(jpeg, 20)).as("SOF not yet in").isNull();
    }

    private record Run(BenchResult result, String output) {
    }

    private static Run bench(TestServer server, String... load) {
        List<String> args = new ArrayList<>(List.of("bench", "--server", "http://127.0.0.1:" + server.port(), "--token", TestServer.TOKEN,
                "--camera", "bench", "--fps", "15", "--size", "640x360", "--frames", "5", "--warmup", "1s", "--progress", "1s"));
        args.addAll(List.of(load));
        CommandLine livecam = Livecam.commandLine();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = livecam.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(exit).as(output).isZero();
        return new Run(((BenchCommand) livecam.getSubcommands().get("bench").getCommand()).result(), output);
    }
}
