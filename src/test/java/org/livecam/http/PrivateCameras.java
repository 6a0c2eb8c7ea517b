package org.livecam.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.livecam.ServerConfig;
import org.livecam.config.AccessRule;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestServer;

/**
 * The server the access tests share: users alice, bob and carol (made by the real htpasswd -B);
 * camera {@code door} for alice only, and the camera behind the tutorial's URLs; {@code yard}
 * public, {@code office} for every signed-in user. And the requests a viewer makes, each with
 * or without Basic credentials.
 */
final class PrivateCameras {
    static final String ALICE_PASSWORD = "alice's long secret";
    static final String BOB_PASSWORD = "bob's other secret";
    static final String CAROL_PASSWORD = "carol's third secret";

    private PrivateCameras() {
    }

    /** The users file in {@code dir} and the rules above; {@code more} changes the access settings further. */
    static UnaryOperator<ServerConfig> setup(Path dir, UnaryOperator<org.livecam.access.AccessConfig> more) {
        return c -> {
            Path users = dir.resolve("users.htpasswd");
            try {
                if (!Files.exists(users)) {
                    Htpasswd.add(users, "alice", ALICE_PASSWORD);
                    Htpasswd.add(users, "bob", BOB_PASSWORD);
                    Htpasswd.add(users, "carol", CAROL_PASSWORD);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return c.withHttp(h -> h.withDefaultCamera("door"))
                    .withAccess(a -> more.apply(a.withUsersFile(users)
                            .withCamera("door", AccessRule.onlyUsers(java.util.List.of("alice")))
                            .withCamera("office", AccessRule.PRIVATE)));
        };
    }

    static UnaryOperator<ServerConfig> setup(Path dir) {
        return setup(dir, a -> a);
    }

    /** GET with these headers (name, value, ...); the body read whole, or for a stream only its head. */
    static HttpResponse<String> get(TestServer server, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<InputStream> response = server.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream in = response.body()) {
                body = type.startsWith("multipart/") ? "(stream)" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new Answer(response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status a WebSocket upgrade of {@code path} gets: 101 when it opens. */
    static int upgrade(TestServer server, String path, String... headers) {
        WebSocket.Builder builder = server.client().newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), new WebSocket.Listener() {
            }).get(30, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] as(String user, String password) {
        return new String[] {"Authorization", Htpasswd.basic(user, password)};
    }

    /** A response whose body was read as text (or left unread for a stream). */
    private record Answer(HttpResponse<InputStream> head, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return head.statusCode();
        }

        @Override
        public HttpRequest request() {
            return head.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return head.sslSession();
        }

        @Override
        public URI uri() {
            return head.uri();
        }

        @Override
        public HttpClient.Version version() {
            return head.version();
        }
    }
}
