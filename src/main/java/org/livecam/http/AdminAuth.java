package org.livecam.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.livecam.access.Caller;
import org.livecam.access.Gatekeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the admin routes ({@code PUT}/{@code DELETE /api/cameras/{id}}, {@code GET /metrics}):
 * {@code Authorization: Bearer TOKEN} with the route's own token (compared in constant time, never
 * logged), or a user of {@code --admins} signed in with Basic credentials or the session cookie of
 * {@code /login} (through {@link ViewerAuth}, so wrong passwords are throttled as everywhere).
 * Anonymous callers get 401 with a challenge for each way in; a signed-in user who is not an admin
 * gets 403. Asked once per request, on the event loop; bcrypt runs on a worker.
 */
final class AdminAuth {
    private static final Logger log = LoggerFactory.getLogger(AdminAuth.class);

    /**
     * What one route calls its job and its token, for the answers.
     *
     * @param job              e.g. "managing cameras"
     * @param tokenOption      the option naming the token, e.g. "--admin-token"
     * @param openWithoutGuard true: with no token and no admins the route is open (metrics); false: it is off (403)
     * @param wrongTokenStatus what a wrong bearer token gets
     * @param realm            the Bearer challenge's realm
     */
    record Route(String job, String tokenOption, boolean openWithoutGuard, int wrongTokenStatus, String realm) {
    }

    private final Route route;
    private final byte[] token;
    private final ViewerAuth viewers;
    private final ClientAddress clients;

    AdminAuth(Route route, String token, ViewerAuth viewers, ClientAddress clients) {
        this.route = route;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.viewers = viewers;
        this.clients = clients;
    }

    /** Runs {@code then} when the request may go on; otherwise answers it (401, 403, or 429 for too many wrong passwords). */
    void check(RoutingContext ctx, Runnable then) {
        Gatekeeper gate = viewers.gate();
        HttpServerResponse response = ctx.response();
        if (token == null && !gate.hasAdmins()) {
            if (route.openWithoutGuard()) {
                then.run();
            } else {
                Errors.send(response, 403, route.job() + " over the API is off; start livecam with " + route.tokenOption()
                        + " TOKEN, or with --admins NAME (users of --users), to turn it on");
            }
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && token != null) {
            if (MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                then.run();
            } else {
                log.warn("Wrong {} for {} {} from {}", route.tokenOption(), ctx.request().method(), ctx.request().path(),
                        clients.of(ctx.request()));
                if (route.wrongTokenStatus() == 401) {
                    challenge(response, gate);
                }
                Errors.send(response, route.wrongTokenStatus(), "wrong token for " + route.job() + " (" + route.tokenOption() + ")");
            }
            return;
        }
        if (!gate.hasAdmins()) {
            challenge(response, gate);
            Errors.send(response, 401, route.job() + " needs 'Authorization: Bearer TOKEN' (the " + route.tokenOption() + ")");
            return;
        }
        viewers.withCaller(ctx, caller -> decide(ctx, gate, caller, then));
    }

    private void decide(RoutingContext ctx, Gatekeeper gate, Caller caller, Runnable then) {
        if (gate.isAdmin(caller)) {
            then.run();
        } else if (caller.signedIn()) {
            log.info("User {} is not an admin: {} {} from {} refused", caller.user(), ctx.request().method(), ctx.request().path(),
                    clients.of(ctx.request()));
            Errors.send(ctx.response(), 403, "user " + caller.user() + " is not an admin: " + route.job()
                    + " needs a user named by --admins" + (token == null ? "" : ", or the " + route.tokenOption()));
        } else {
            challenge(ctx.response(), gate);
            Errors.send(ctx.response(), 401, route.job() + " needs an admin: sign in as a user named by --admins (Basic or /login)"
                    + (token == null ? "" : ", or send 'Authorization: Bearer TOKEN' (the " + route.tokenOption() + ")"));
        }
    }

    /** One challenge per way in: Basic for admins (so curl, browsers and Prometheus' basic_auth send it), Bearer for the token. */
    private void challenge(HttpServerResponse response, Gatekeeper gate) {
        if (gate.hasAdmins()) {
            response.headers().add("WWW-Authenticate", "Basic realm=\"livecam\"");
        }
        if (token != null) {
            response.headers().add("WWW-Authenticate", "Bearer realm=\"" + route.realm() + "\"");
        }
    }
}
