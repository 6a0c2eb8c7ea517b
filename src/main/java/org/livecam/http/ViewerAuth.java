package org.livecam.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.livecam.access.Caller;
import org.livecam.access.Gatekeeper;
import org.livecam.access.ShareLinks;
import org.livecam.frame.Cameras;

/**
 * The viewing routes' door: finds the caller once per request (a WebSocket's upgrade request
 * counts as one) from Basic credentials, the session cookie or a share token, asks the
 * {@link Gatekeeper}, and lets the request on or answers for it: 401 with a Basic challenge
 * (pages: a redirect to /login), 404 as for an unknown camera, or 429 after too many failed
 * sign-ins. With no users and no private camera it does nothing at all. Event loop; bcrypt runs
 * on a worker.
 */
final class ViewerAuth {
    static final String SESSION_COOKIE = "livecam_session";
    static final String SHARE_COOKIE = "livecam_share";
    private static final String CALLER = "livecam.caller";
    private static final String SHARE = "livecam.share";

    /** How a route answers a caller who may not watch. */
    enum Kind { MEDIA, API, PAGE }

    private final Vertx vertx;
    private final Gatekeeper gate;
    private final Cameras cameras;

    ViewerAuth(Vertx vertx, Gatekeeper gate, Cameras cameras) {
        this.vertx = vertx;
        this.gate = gate;
        this.cameras = cameras;
    }

    Gatekeeper gate() {
        return gate;
    }

    /** Lets the request on only when its caller may watch the camera {@code idOf} names. */
    Handler<RoutingContext> camera(Function<RoutingContext, String> idOf, Kind kind) {
        return ctx -> {
            if (gate.isOpen()) {
                ctx.next();
                return;
            }
            String id = idOf.apply(ctx);
            withCaller(ctx, caller -> {
                switch (gate.verdict(caller, id, cameras.get(id).isPresent())) {
                    case WATCH -> {
                        if (kind == Kind.PAGE) {
                            keepShare(ctx, id);
                        }
                        ctx.next();
                    }
                    case SIGN_IN -> signIn(ctx, kind, "sign in to watch this camera");
                    case HIDDEN -> hidden(ctx, kind, id);
                }
            });
        };
    }

    /** Finds the caller (refusing wrong credentials) for a route that filters what it shows: see {@link #visibility}. */
    Handler<RoutingContext> caller() {
        return ctx -> {
            if (gate.isOpen()) {
                ctx.next();
            } else {
                withCaller(ctx, caller -> ctx.next());
            }
        };
    }

    /** The page of all cameras: a sign-in first when the server's cameras are private by default. */
    Handler<RoutingContext> grid() {
        return ctx -> {
            if (gate.isOpen()) {
                ctx.next();
                return;
            }
            withCaller(ctx, caller -> {
                if (gate.gridNeedsSignIn(caller)) {
                    signIn(ctx, Kind.PAGE, "sign in to watch");
                } else {
                    ctx.next();
                }
            });
        };
    }

    /** The cameras this request's caller may see (after {@link #caller} or {@link #camera}). */
    Predicate<String> visibility(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        return caller == null ? id -> true : gate.visibleTo(caller);
    }

    /**
     * What must end a stream of {@code camera} that this request opens (after {@link #camera}),
     * or null when it may outlive any change: the share link that alone lets the caller in
     * ({@link #shareOnly}), else the signed-in user who watches a camera that is not public (a
     * stream ends when they are removed). A public camera needs nothing.
     */
    AccessDeadline deadline(RoutingContext ctx, String camera) {
        AccessDeadline shared = shareOnly(ctx, camera);
        if (shared != null) {
            return shared;
        }
        return userOnly(ctx, camera);
    }

    /**
     * The removal of the signed-in user of this request, for what they watch of a camera that is
     * not public ({@code camera}; null: the grid's socket, when any camera is not), or null.
     */
    AccessDeadline userOnly(RoutingContext ctx, String camera) {
        Caller caller = ctx.get(CALLER);
        return caller != null && gate.watchesAsUser(caller, camera) ? new AccessDeadline(camera, gate.userEnd(caller.user())) : null;
    }

    /**
     * The end of the share link that alone lets this request's caller watch {@code camera} (its
     * expiry or revocation; after {@link #camera} or {@link #caller}), or null when the stream may outlive any link:
     * a public camera, a user allowed on it, no share, or a share of another camera.
     */
    AccessDeadline shareOnly(RoutingContext ctx, String camera) {
        Caller caller = ctx.get(CALLER);
        ShareLinks.Share share = ctx.get(SHARE);
        if (caller == null || share == null || !gate.onlyShared(caller, camera)) {
            return null;
        }
        return new AccessDeadline(camera, gate.shareEnd(share));
    }

    /** As above for the camera this request's share link opens, if any (the grid's socket). */
    AccessDeadline shareOnly(RoutingContext ctx) {
        ShareLinks.Share share = ctx.get(SHARE);
        return share == null ? null : shareOnly(ctx, share.camera());
    }

    /** The caller found for this request, or null when the server checks no one. */
    static Caller callerOf(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** Finds the caller once per request, then {@code then}; answers the request itself for wrong credentials. */
    void withCaller(RoutingContext ctx, Consumer<Caller> then) {
        Caller known = ctx.get(CALLER);
        if (known != null) {
            then.accept(known);
            return;
        }
        HttpServerRequest request = ctx.request();
        ShareLinks.Share share = gate.share(shareToken(ctx)).orElse(null);
        String shared = share == null ? null : share.camera();
        ctx.put(SHARE, share);
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] nameAndPassword = basic(authorization.substring(6).trim());
            if (nameAndPassword == null) {
                refuseCredentials(ctx, "the Authorization header must be 'Basic base64(name:password)'");
                return;
            }
            signIn(ctx, nameAndPassword[0], nameAndPassword[1], user -> found(ctx, Caller.user(user).withSharedCamera(shared), then));
            return;
        }
        Cookie session = request.getCookie(SESSION_COOKIE);
        String user = gate.sessionUser(session == null ? null : session.getValue()).orElse(null);
        found(ctx, new Caller(user, shared), then);
    }

    /** Checks a name and password (bcrypt on a worker unless known from a moment ago); {@code onUser} on success, else 401 or 429. */
    void signIn(RoutingContext ctx, String name, String password, Consumer<String> onUser) {
        signIn(ctx, name, password, onUser, () -> refuseCredentials(ctx, "wrong user name or password"));
    }

    /** As above, with {@code onWrong} for a wrong name or password. */
    void signIn(RoutingContext ctx, String name, String password, Consumer<String> onUser, Runnable onWrong) {
        String address = address(ctx.request());
        Gatekeeper.SignIn quick = gate.quickSignIn(name, password, address);
        if (quick != null) {
            answer(ctx, quick, onUser, onWrong);
            return;
        }
        // Paused while bcrypt runs: a request read to its end meanwhile could no longer become a WebSocket.
        HttpServerRequest request = ctx.request();
        boolean paused = !request.isEnded();
        if (paused) {
            request.pause();
        }
        vertx.executeBlocking(() -> gate.signIn(name, password, address), false).onComplete(result -> {
            if (paused && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                request.resume();
            }
            if (result.succeeded()) {
                answer(ctx, result.result(), onUser, onWrong);
            } else {
                ctx.fail(result.cause());
            }
        });
    }

    private static void answer(RoutingContext ctx, Gatekeeper.SignIn signIn, Consumer<String> onUser, Runnable onWrong) {
        if (signIn.accepted()) {
            onUser.accept(signIn.user());
        } else if (signIn.throttled()) {
            tooManyFailures(ctx.response(), signIn.retryAfterSeconds());
        } else {
            onWrong.run();
        }
    }

    static void tooManyFailures(HttpServerResponse response, long retryAfterSeconds) {
        response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        Errors.send(response, 429, "too many failed sign-ins from your address; try again in " + retryAfterSeconds + " s");
    }

    private static void found(RoutingContext ctx, Caller caller, Consumer<Caller> then) {
        ctx.put(CALLER, caller);
        then.accept(caller);
    }

    /** 401 with the Basic challenge, so that clients such as ffmpeg send their credentials. */
    static void refuseCredentials(RoutingContext ctx, String why) {
        ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"livecam\"");
        Errors.send(ctx.response(), 401, why);
    }

    private static void signIn(RoutingContext ctx, Kind kind, String why) {
        if (kind == Kind.PAGE) {
            String next = ctx.request().uri();
            ctx.response().setStatusCode(302)
                    .putHeader("Location", "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                    .putHeader("Cache-Control", "no-store")
                    .end();
            return;
        }
        refuseCredentials(ctx, why);
    }

    /** As an unknown camera is answered on each kind of route, word for word. */
    private static void hidden(RoutingContext ctx, Kind kind, String id) {
        switch (kind) {
            case PAGE -> ctx.response().setStatusCode(404).putHeader("Cache-Control", "no-cache").sendFile("web/camera.html");
            case API -> Errors.send(ctx.response(), 404, "no camera named " + id);
            case MEDIA -> Errors.send(ctx.response(), 404, "no camera '" + id + "'");
        }
    }

    /**
     * A page opened from a share link keeps the token in a cookie, so that the page's own requests
     * (its API polls, snapshots, sockets) carry it without the page knowing about shares.
     */
    private void keepShare(RoutingContext ctx, String camera) {
        String token = ctx.request().getParam("share");
        gate.share(token).filter(share -> share.camera().equals(camera)).ifPresent(share -> {
            long seconds = Math.max(1, Duration.between(gate.config().clock().instant(), share.expires()).toSeconds());
            ctx.response().addCookie(cookie(ctx.request(), SHARE_COOKIE, token, seconds));
        });
    }

    /** HttpOnly, SameSite=Lax, Secure when the request came over TLS, for the whole site. */
    static Cookie cookie(HttpServerRequest request, String name, String value, long maxAgeSeconds) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(request.isSSL()).setMaxAge(maxAgeSeconds);
    }

    private static String shareToken(RoutingContext ctx) {
        String token = ctx.request().getParam("share");
        if (token != null) {
            return token;
        }
        Cookie cookie = ctx.request().getCookie(SHARE_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** {name, password} from a Basic header's base64 part, or null when malformed. */
    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String address(HttpServerRequest request) {
        var remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }
}
