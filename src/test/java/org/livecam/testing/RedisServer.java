package org.livecam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.livecam.cluster.ClusterConfig;
import org.livecam.cluster.RedisAddress;

/**
 * A real redis-server (the Debian package) on a free loopback port, with nothing saved to disk,
 * started and stopped by its PID. {@link #stop} and {@link #start} again on the same port let a
 * test take Redis away and bring it back.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** Starts one on a free port; its log goes to a file in {@code dir}. */
    public static RedisServer start(Path dir) {
        RedisServer redis = new RedisServer(freePort(), dir.resolve("redis.log"));
        redis.start();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A node of the cluster named {@code node}, with a short heartbeat so tests see expiries quickly. */
    public ClusterConfig node(String node, Duration heartbeat) {
        return ClusterConfig.of(RedisAddress.parse(url()), node).withHeartbeat(heartbeat);
    }

    /** A test server (see {@link TestServer#start}) that is node {@code name} of this Redis's cluster, its data in {@code dir/name}. */
    public TestServer startNode(Path dir, String name, Duration heartbeat) {
        return TestServer.start(dir.resolve(name), c -> c.withCluster(node(name, heartbeat)));
    }

    /** Closes the nodes that were started (last first), then stops this Redis. */
    public void closeWith(TestServer... nodes) {
        for (int i = nodes.length - 1; i >= 0; i--) {
            if (nodes[i] != null) {
                nodes[i].close();
            }
        }
        close();
    }

    /** Starts (again) on the same port and waits until it answers. */
    public synchronized void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Await.until(this::answers, Duration.ofSeconds(10), "redis-server on port " + port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (apt-get install redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it by its PID and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Runs redis-cli against it and returns what it prints. */
    public String cli(String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "redis-cli";
            command[1] = "-p";
            command[2] = String.valueOf(port);
            System.arraycopy(args, 0, command, 3, args.length);
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes()).trim();
            cli.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private boolean answers() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
