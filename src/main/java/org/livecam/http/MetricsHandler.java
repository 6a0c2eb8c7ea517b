package org.livecam.http;

import io.vertx.ext.web.RoutingContext;
import org.livecam.metrics.LivecamMetrics;

/**
 * {@code GET /metrics}: the Prometheus text format. With a metrics token or {@code --admins} set,
 * only {@code Authorization: Bearer TOKEN} or a signed-in admin gets it ({@link AdminAuth}); others
 * get 401 (403 for a user who is not an admin) and change nothing. The scrape runs on a worker: it
 * walks every meter, which an event loop serving frames should not wait for.
 */
final class MetricsHandler {
    static final AdminAuth.Route ROUTE = new AdminAuth.Route("/metrics", "--metrics-token", true, 401, "livecam metrics");

    private final LivecamMetrics metrics;
    private final AdminAuth guard;

    MetricsHandler(LivecamMetrics metrics, AdminAuth guard) {
        this.metrics = metrics;
        this.guard = guard;
    }

    void handle(RoutingContext ctx) {
        guard.check(ctx, () -> scrape(ctx));
    }

    private void scrape(RoutingContext ctx) {
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
}
