package org.livecam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.livecam.LivecamServer;
import org.livecam.ServerConfig;
import org.livecam.http.HttpConfig;
import org.livecam.store.StoreException;

/**
 * The real server on an ephemeral loopback port, wired exactly as {@code main} wires it, with a
 * known token and password, plus a java.net.http client to talk to it.
 */
public final class TestServer implements AutoCloseable {
    public static final String TOKEN = "test-token";
    public static final String PASSWORD = "secret";

    private final LivecamServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(LivecamServer server) {
        this.server = server;
    }

    /** Defaults for tests: no demo camera, loopback, port 0, data in {@code dataDir}. */
    public static ServerConfig config(Path dataDir) {
        HttpConfig http = new HttpConfig("127.0.0.1", 0, TOKEN, PASSWORD, "live", 10 * 1024 * 1024,
                Duration.ofSeconds(30), 64 * 1024, 64 * 1024);
        return new ServerConfig(http, dataDir, false, "demo", 640, 360, 15, Duration.ofMillis(200));
    }

    /** The same config with another publish size limit. */
    public static ServerConfig withMaxFrameBytes(ServerConfig c, int maxFrameBytes) {
        HttpConfig h = c.http();
        return new ServerConfig(new HttpConfig(h.bind(), h.port(), h.token(), h.password(), h.defaultCamera(), maxFrameBytes,
                h.snapshotWait(), h.viewerQueueBytes(), h.sendBufferBytes()), c.dataDir(), c.demo(), c.demoCamera(),
                c.demoWidth(), c.demoHeight(), c.demoFps(), c.persistInterval());
    }

    /** The same config with another longest wait for {@code ?after=}. */
    public static ServerConfig withSnapshotWait(ServerConfig c, Duration snapshotWait) {
        HttpConfig h = c.http();
        return new ServerConfig(new HttpConfig(h.bind(), h.port(), h.token(), h.password(), h.defaultCamera(), h.maxFrameBytes(),
                snapshotWait, h.viewerQueueBytes(), h.sendBufferBytes()), c.dataDir(), c.demo(), c.demoCamera(),
                c.demoWidth(), c.demoHeight(), c.demoFps(), c.persistInterval());
    }

    /** The same config with the demo camera on, at this size and rate. */
    public static ServerConfig withDemo(ServerConfig c, int width, int height, double fps) {
        return new ServerConfig(c.http(), c.dataDir(), true, c.demoCamera(), width, height, fps, c.persistInterval());
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, c -> c);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        try {
            return new TestServer(LivecamServer.start(adjust.apply(config(dataDir))));
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    public LivecamServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    /** POSTs a JPEG to {@code /cameras/{camera}/frame} with the test token. */
    public HttpResponse<String> publish(String camera, byte[] jpeg) {
        return send(HttpRequest.newBuilder(uri("/cameras/" + camera + "/frame"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        try {
            return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
