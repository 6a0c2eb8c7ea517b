package org.livecam.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /cameras/{id}/frame} with a bearer token, one request per frame over the client's
 * HTTP/1.1 keep-alive connection, which the JDK client reopens by itself after a failure.
 * Status codes map to outcomes: 2xx sent; 401/403 unauthorized; 400/413/415 that frame's
 * fault; anything else (5xx, 404, a proxy's page) the server is away.
 * Sender thread only.
 */
final class HttpTransport implements FrameTransport {
    /** Enough of an error body for its message; a body larger than this is not from livecam. */
    private static final int MAX_ANSWER_BYTES = 4096;

    private final HttpClient client;
    private final PushConfig config;
    private final URI frameUri;

    HttpTransport(HttpClient client, PushConfig config) {
        this.client = client;
        this.config = config;
        this.frameUri = config.frameUri();
    }

    @Override
    public URI target() {
        return frameUri;
    }

    @Override
    public Outcome send(byte[] jpeg) throws InterruptedException {
        int status;
        String answer;
        try {
            HttpResponse<InputStream> response = client.send(request(jpeg), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            // Reading livecam's short answer to its end leaves the connection ready for the next frame.
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            String error = UploadErrors.describe(e, frameUri, config.timeout());
            boolean beforeConnecting = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
            return Outcome.failed(error, beforeConnecting);
        }
        if (status >= 200 && status < 300) {
            return Outcome.sent();
        }
        String error = "HTTP " + status + ": " + UploadErrors.fromAnswer(answer);
        if (status == 401 || status == 403) {
            return Outcome.unauthorized(error);
        }
        if (status == 400 || status == 413 || status == 415) {
            return Outcome.refused(error);
        }
        return Outcome.lost(error + (status == 404 ? " (is --server the livecam server's base URL?)" : ""));
    }

    private HttpRequest request(byte[] jpeg) {
        return HttpRequest.newBuilder(frameUri)
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + config.token())
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg))
                .build();
    }

    @Override
    public void close() {
        // Nothing of its own: the uploader owns the client and closes it.
    }
}
