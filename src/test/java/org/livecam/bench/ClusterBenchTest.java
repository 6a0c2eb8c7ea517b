package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/**
 * The load tool across a cluster: two nodes and a real redis-server, the publisher on node A,
 * viewers on A and B; the report has a line per node and Redis's CPU.
 */
class ClusterBenchTest {
    @Test
    void publishesOnOneNodeWatchesOnBothAndReportsEachNodeAndRedis(@TempDir Path dir) {
        RedisServer redis = RedisServer.start(dir);
        TestServer a = null;
        TestServer b = null;
        try {
            a = redis.startNode(dir, "a", Duration.ofMillis(500));
            b = redis.startNode(dir, "b", Duration.ofMillis(500));
            String urlA = "http://127.0.0.1:" + a.port();
            String urlB = "http://127.0.0.1:" + b.port();
            long redisPid = Long.parseLong(redis.cli("INFO", "server").lines()
                    .filter(l -> l.startsWith("process_id:")).findFirst().orElseThrow().substring("process_id:".length()).trim());
            long nodesPid = ProcessHandle.current().pid(); // both nodes run in this JVM

            CommandLine livecam = Livecam.commandLine();
            int exit = livecam.execute("bench", "--server", urlA, "--token", TestServer.TOKEN, "--camera", "bench",
                    "--view-server", urlA + "," + urlB, "--viewers", "20", "--fps", "15", "--size", "640x360", "--frames", "5",
                    "--duration", "3s", "--warmup", "1s", "--progress", "1s",
                    "--watch-pid", "nodes=" + nodesPid, "--watch-pid", "redis=" + redisPid);

            assertThat(exit).isZero();
            BenchCommand command = (BenchCommand) livecam.getSubcommands().get("bench").getCommand();
            ClusterReport cluster = command.cluster();
            assertThat(cluster.nodes()).extracting(n -> n.url().toString()).containsExactly(urlA, urlB);
            ClusterReport.NodeView onB = cluster.node(urlB);
            assertThat(onB.viewers()).as("round robin: every other viewer on b").isEqualTo(10);
            assertThat(onB.connected()).isEqualTo(10);
            assertThat(onB.freshFpsMin()).as("every viewer on b sees frames published on a").isGreaterThan(1);
            assertThat(onB.latencySamples()).isGreaterThan(0);
            assertThat(onB.latencyP50Micros()).isGreaterThan(0).isLessThanOrEqualTo(onB.latencyP99Micros());
            assertThat(cluster.node(urlA).connected()).isEqualTo(10);
            assertThat(cluster.process("redis").cpuPercent()).isGreaterThanOrEqualTo(0);
            assertThat(cluster.process("redis").rssKb()).isGreaterThan(0);
            assertThat(cluster.process("nodes").cpuPercent()).isGreaterThan(0);

            // Each frame crossed Redis once, not once per viewer or per node.
            long published = new JsonObject(new String(a.get("/api/cameras/bench").body(), StandardCharsets.UTF_8)).getLong("sequence");
            long publishCalls = publishCalls(redis);
            assertThat(publishCalls).as("PUBLISH commands for %d frames", published).isBetween(published / 2, published);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            cluster.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("view server      " + urlA + ": 10 of 10 viewers connected")
                    .contains("view server      " + urlB + ": 10 of 10 viewers connected")
                    .contains("redis            CPU ");
        } finally {
            redis.closeWith(a, b);
        }
    }

    @Test
    void viewServersAndWatchedProcessesAreCheckedBeforeAnythingRuns() {
        CommandLine livecam = Livecam.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        livecam.setErr(new PrintWriter(err, true));
        assertThat(livecam.execute("bench", "--token", "t", "--watch-pid", "redis")).isEqualTo(2);
        assertThat(livecam.execute("bench", "--token", "t", "--watch-pid", "a=1", "--watch-pid", "a=2")).isEqualTo(2);
        assertThat(livecam.execute("bench", "--token", "t", "--view-server", "https://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--watch-pid takes NAME=PID").contains("names a twice").contains("of --server's scheme");
    }

    /** How many PUBLISH commands Redis ran (INFO commandstats: cmdstat_publish:calls=N,...). */
    private static long publishCalls(RedisServer redis) {
        return redis.cli("INFO", "commandstats").lines().filter(l -> l.startsWith("cmdstat_publish:"))
                .map(l -> l.substring(l.indexOf("calls=") + 6, l.indexOf(',', l.indexOf("calls="))))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
    }
}
