package org.livecam.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.livecam.access.Caller;
import org.livecam.access.Gatekeeper;
import org.livecam.access.ShareLinks;
import org.livecam.config.Durations;

/**
 * {@code POST /api/cameras/{id}/share?for=24h}: a signed-in user allowed on a camera makes a
 * link that opens that camera, and only it, without an account until it expires (at most 7 days):
 * {@code {"camera":..,"token":..,"expires":"2026-...Z","url":"http://host/cameras/id?share=..."}}.
 * Runs after {@link ViewerAuth#caller}.
 */
final class ShareHandler {
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    private final ViewerAuth auth;

    ShareHandler(ViewerAuth auth) {
        this.auth = auth;
    }

    void share(RoutingContext ctx) {
        String camera = ctx.pathParam("id");
        Caller caller = ViewerAuth.callerOf(ctx);
        if (caller == null || !caller.signedIn()) {
            ViewerAuth.refuseCredentials(ctx, "sign in to share a camera");
            return;
        }
        Gatekeeper gate = auth.gate();
        if (gate.verdict(Caller.user(caller.user()), camera, true) != Gatekeeper.Verdict.WATCH) {
            Errors.send(ctx.response(), 404, "no camera named " + camera);
            return;
        }
        Duration lifetime;
        try {
            String given = ctx.request().getParam("for");
            lifetime = given == null ? DEFAULT_LIFETIME : Durations.parse(given);
            if (lifetime.isZero() || lifetime.compareTo(ShareLinks.LONGEST) > 0) {
                throw new IllegalArgumentException("?for= must be above 0 and at most 7d, not " + given);
            }
        } catch (IllegalArgumentException e) {
            Errors.send(ctx.response(), 400, e.getMessage());
            return;
        }
        ShareLinks.Share share = gate.newShare(Caller.user(caller.user()), camera, lifetime);
        String base = (ctx.request().isSSL() ? "https://" : "http://") + ctx.request().authority();
        ctx.response().setStatusCode(201)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject()
                        .put("camera", camera)
                        .put("token", share.token())
                        .put("expires", share.expires().toString())
                        .put("url", base + "/cameras/" + camera + "?share=" + share.token())
                        .encode());
    }
}
