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
 * known token and password, plus a java.net.http client to talk to it. {@link #start} gives one
 * the test closes itself; {@link TestServerExtension} gives one that JUnit starts and stops.
 */
public class TestServer implements AutoCloseable {
    public static final String TOKEN = "test-token";
    public static final String PASSWORD = "secret";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile LivecamServer server;

    TestServer() {
    }

    /**
     * Defaults for tests: loopback, port 0, the test token and password, no pulled cameras (no
     * demo), data in {@code dataDir}, latest frames saved every 200 ms. Change them with the
     * config's {@code with...} methods.
     */
    public static ServerConfig config(Path dataDir) {
        HttpConfig http = HttpConfig.defaults(TOKEN).withBind("127.0.0.1").withPort(0).withPassword(PASSWORD);
        return ServerConfig.of(http, dataDir).withPersistInterval(Duration.ofMillis(200));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, c -> c);
    }

    /** Starts with the test defaults changed by {@code adjust}, e.g. {@code c -> c.withHttp(h -> h.withMaxFrameBytes(n))}. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        TestServer server = new TestServer();
        server.run(adjust.apply(config(dataDir)));
        return server;
    }

    void run(ServerConfig config) {
        try {
            server = LivecamServer.start(config);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    public LivecamServer server() {
        LivecamServer running = server;
        if (running == null) {
            throw new IllegalStateException("the test server is not running");
        }
        return running;
    }

    public int port() {
        return server().port();
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
        LivecamServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }
}
