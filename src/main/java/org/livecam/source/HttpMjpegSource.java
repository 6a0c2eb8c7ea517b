package org.livecam.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code http://} and {@code https://}: pulls a camera over HTTP. A multipart answer
 * ({@code multipart/x-mixed-replace}: an IP camera, mjpg-streamer, µStreamer, another livecam)
 * is read as a stream through {@link MjpegSplitter}; a single {@code image/*} answer is polled
 * at {@code pollFps}; a stream passes at most {@code maxFps} frames a second. Anything else is read as a stream too, and the splitter decides.
 *
 * <p>{@code user:password@} in the URL is sent as HTTP basic auth and never logged:
 * {@link #describe} and every message show the URL without it. A disconnect, an error status or
 * no frame for {@code stallAfter} ends the attempt, and the source reconnects with backoff.
 */
public final class HttpMjpegSource extends RestartingSource {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final URI target;
    private final String authorization;
    private final double pollFps;
    private final Duration requestTimeout;

    public HttpMjpegSource(URI uri, double pollFps, double maxFps, Duration stallAfter) {
        super(stallAfter, maxFps);
        if (!(pollFps > 0 && pollFps <= 100)) {
            throw new IllegalArgumentException("fps must be above 0 and at most 100: " + pollFps);
        }
        String userInfo = uri.getRawUserInfo();
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        // Rebuilt from the raw parts: decoding and re-encoding the query would turn %26 into &.
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            this.target = new URI(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + path + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL: " + Secrets.redact(uri.toString()));
        }
        this.pollFps = pollFps;
        this.requestTimeout = stallAfter.isZero() ? Duration.ofSeconds(30) : stallAfter;
    }

    @Override
    Attempt newAttempt() {
        return new Pull();
    }

    @Override
    public String describe() {
        return Secrets.redact(target.toString());
    }

    /** One connection (stream) or one run of polls (single images). */
    private final class Pull implements Attempt {
        private volatile Thread thread;
        private volatile InputStream body;
        private volatile CompletableFuture<?> pending;
        private volatile boolean aborted;
        private volatile MjpegSplitter splitter;

        @Override
        public void run(FrameSink sink) throws IOException, InterruptedException {
            thread = Thread.currentThread();
            Pace polls = new Pace(pollFps);
            while (!aborted) {
                HttpResponse<InputStream> response = get();
                try (InputStream in = response.body()) {
                    body = in;
                    if (aborted) {
                        return;
                    }
                    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase();
                    if (!type.startsWith("image/")) {
                        splitter = new MjpegSplitter();
                        splitter.feedAll(in, sink);
                        if (aborted) {
                            return;
                        }
                        throw new IOException("the server closed the stream");
                    }
                    MjpegSplitter splitter = new MjpegSplitter();
                    byte[] image = in.readNBytes(MjpegSplitter.DEFAULT_MAX_FRAME_BYTES + 1);
                    splitter.feed(image, sink);
                    if (splitter.framesEmitted() == 0 && !aborted) {
                        throw new IOException("the answer (" + image.length + " bytes of " + type + ") is not a whole JPEG");
                    }
                }
                polls.awaitNextTick();
            }
        }

        private HttpResponse<InputStream> get() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(requestTimeout).GET()
                    .header("Accept", "multipart/x-mixed-replace, image/jpeg, */*");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            CompletableFuture<HttpResponse<InputStream>> future = CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            pending = future;
            HttpResponse<InputStream> response;
            try {
                response = future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IOException(cause.getMessage() != null ? Secrets.redact(cause.getMessage()) : cause.toString(), cause);
            } catch (java.util.concurrent.CancellationException e) {
                throw new InterruptedException("aborted");
            }
            if (response.statusCode() != 200) {
                response.body().close();
                String hint = response.statusCode() == 401 || response.statusCode() == 403 ? " (check the user and password in the URL)" : "";
                throw new IOException("HTTP " + response.statusCode() + hint);
            }
            return response;
        }

        @Override
        public String noFrameReason() {
            MjpegSplitter s = splitter;
            return s == null ? null : s.noFrameReason();
        }

        @Override
        public void abort() {
            aborted = true;
            CompletableFuture<?> f = pending;
            if (f != null) {
                f.cancel(true);
            }
            InputStream in = body;
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // closing is all we wanted
                }
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt(); // a read blocked inside java.net.http wakes on interrupt
            }
        }
    }
}
