package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.cluster.SharedFramesTest.camera;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RedisServer;
import org.livecam.testing.TestServer;

/**
 * A pulled camera configured alike on three nodes runs one ffmpeg, only while some node has a
 * viewer; its owner, a separate JVM, killed with SIGKILL: another node's ffmpeg takes over and
 * viewers elsewhere carry on.
 */
class PulledCameraLeaseTest {
    static final Duration HEARTBEAT = Duration.ofSeconds(1); // leases live 3 s: a loaded machine stalls a node for a second
    static final Pattern SERVING = Pattern.compile("livecam is serving on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    final String tag = "lease" + UUID.randomUUID().toString().substring(0, 8);
    RedisServer redis;
    Process external;
    TestServer b;
    TestServer c;

    String source() {
        return "exec:ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x240:rate=10"
                + " -metadata comment=" + tag + " -f mjpeg -q:v 5 -";
    }

    @AfterEach
    void stopAll() {
        if (external != null) {
            external.destroyForcibly();
        }
        for (TestServer node : new TestServer[] {c, b}) {
            if (node != null) {
                node.close();
            }
        }
        ffmpegs(true).forEach(ProcessHandle::destroyForcibly); // an orphan of the killed node
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aPulledCameraOnThreeNodesRunsOnceAndMovesWhenItsNodeIsKilled() throws Exception {
        redis = RedisServer.start(dir);
        int aPort = startExternalNode("a");
        b = inJvmNode("b");
        c = inJvmNode("c");
        Thread.sleep(HEARTBEAT.multipliedBy(2).toMillis());
        assertThat(ffmpegs(false)).as("nobody watches: no node runs the source").isEmpty();

        try (MjpegReader onA = MjpegReader.open(aPort, "/cameras/cam/stream.mjpg")) {
            onA.next();
            assertThat(ffmpegs(false)).as("one ffmpeg, on the node with the viewer").hasSize(1);
            Await.until(() -> camera(b, "cam") != null && "a".equals(camera(b, "cam").getString("node")),
                    Duration.ofSeconds(10), "b says cam comes from a");

            try (MjpegReader onB = MjpegReader.open(b.port(), "/cameras/cam/stream.mjpg");
                 MjpegReader onC = MjpegReader.open(c.port(), "/cameras/cam/stream.mjpg")) {
                long seen = onB.nextNewerThan(onB.next().sequence()).sequence();
                onC.nextNewerThan(onC.next().sequence());
                for (int i = 0; i < 3; i++) { // viewers on every node: still one ffmpeg, heartbeat after heartbeat
                    assertThat(ffmpegs(false)).hasSize(1);
                    Thread.sleep(HEARTBEAT.toMillis());
                }

                assertThat(external.toHandle().descendants().filter(p -> ffmpegs(false).contains(p)).count())
                        .as("the ffmpeg runs under node a, the one its first viewer watched").isEqualTo(1);
                long killedAt = System.nanoTime();
                external.destroyForcibly(); // SIGKILL: no lease given back, no goodbye
                external.waitFor(10, TimeUnit.SECONDS);
                onB.timeoutMillis(15_000);
                long after = onB.nextNewerThan(seen).sequence();
                while (ffmpegs(false).isEmpty()) {
                    after = onB.nextNewerThan(after).sequence();
                }
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                System.out.printf("cluster takeover: another node's ffmpeg %d ms after the owner was killed%n", tookMillis);
                assertThat(tookMillis).as("another node took the source over within 15 s").isLessThan(15_000);
                long next = onB.nextNewerThan(after).sequence();
                assertThat(next).as("b's viewer carries on, numbers still growing").isGreaterThan(seen);
                assertThat(onC.nextNewerThan(next - 1).sequence()).isGreaterThanOrEqualTo(next - 1);
                assertThat(ffmpegs(false)).as("one ffmpeg in the nodes that are left").hasSize(1);
                Await.until(() -> !"a".equals(camera(b, "cam").getString("node")), Duration.ofSeconds(5), "cam's node is b or c now");
            }
        }
    }

    TestServer inJvmNode(String name) {
        return TestServer.start(dir.resolve(name), conf -> conf
                .withCameras(List.of(new CameraConfig("cam", source(), false, Duration.ofSeconds(1))))
                .withCluster(redis.node(name, HEARTBEAT)));
    }

    /** Node a in its own JVM, so it can be killed with SIGKILL like a crashed machine. */
    int startExternalNode(String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Livecam.class.getName(),
                "serve", "--no-demo", "--bind", "127.0.0.1", "--port", "0", "--data", dir.resolve(name).toString(),
                "--token", TestServer.TOKEN, "--redis", redis.url(), "--node", name,
                "--redis-heartbeat", HEARTBEAT.toMillis() + "ms", "--idle-timeout", "1s", "--camera", "cam=" + source())
                .redirectErrorStream(true);
        builder.environment().remove("LIVECAM_LOG_LEVEL");
        external = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(external.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher serving = SERVING.matcher(line);
                    if (serving.find()) {
                        port.complete(Integer.parseInt(serving.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
            port.completeExceptionally(new AssertionError("node " + name + " exited without serving: " + lines));
        }, "node-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    /** The ffmpeg of this test running under this JVM (its own nodes and the external one); with orphans, any. */
    List<ProcessHandle> ffmpegs(boolean withOrphans) {
        return (withOrphans ? ProcessHandle.allProcesses() : ProcessHandle.current().descendants())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(tag)).orElse(false))
                .toList();
    }
}
