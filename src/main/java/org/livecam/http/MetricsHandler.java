package org.livecam.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.livecam.metrics.LivecamMetrics;

/**
 * {@code GET /metrics}: the Prometheus text format. With a metrics token set, only a request with
 * {@code Authorization: Bearer TOKEN} gets it (compared in constant time, never logged); others
 * get 401 and change nothing. The scrape runs on a worker: it walks every meter, which an event
 * loop serving frames should not wait for.
 */
final class MetricsHandler {
    private final LivecamMetrics metrics;
    private final byte[] token;

    MetricsHandler(LivecamMetrics metrics, String token) {
        this.metrics = metrics;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void handle(RoutingContext ctx) {
        if (token != null && !authorized(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"livecam metrics\"");
            Errors.send(ctx.response(), 401, "/metrics needs 'Authorization: Bearer TOKEN' (the --metrics-token)");
            return;
        }
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(scraped -> {
            if (scraped.failed()) {
                ctx.fail(scraped.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", LivecamMetrics.CONTENT_TYPE)
                    .putHeader("Cache-Control", "no-store")
                    .end(scraped.result());
        });
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
