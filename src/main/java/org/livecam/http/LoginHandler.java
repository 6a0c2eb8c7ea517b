package org.livecam.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The browser's way in: {@code GET /login} (the form), {@code POST /login} (name, password,
 * where to go next: a session cookie and a redirect there, or back to the form), and
 * {@code /logout} (the cookies cleared). Failed tries count towards the same per-address limit
 * as Basic credentials. Event loop; bcrypt runs on a worker through {@link ViewerAuth}.
 */
final class LoginHandler {
    private final ViewerAuth auth;

    LoginHandler(ViewerAuth auth) {
        this.auth = auth;
    }

    void form(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-cache").sendFile("web/login.html");
    }

    /** Reads the form (a BodyHandler must run first). */
    void signIn(RoutingContext ctx) {
        String name = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        String next = localPath(ctx.request().getFormAttribute("next"));
        if (name == null || name.isEmpty() || password == null) {
            backToForm(ctx, next);
            return;
        }
        auth.signIn(ctx, name, password, user -> {
            long seconds = auth.gate().sessionLifetime().toSeconds();
            ctx.response().addCookie(ViewerAuth.cookie(ctx.request(), ViewerAuth.SESSION_COOKIE, auth.gate().newSession(user), seconds));
            redirect(ctx, next);
        }, () -> backToForm(ctx, next));
    }

    void signOut(RoutingContext ctx) {
        ctx.response().addCookie(ViewerAuth.cookie(ctx.request(), ViewerAuth.SESSION_COOKIE, "", 0));
        ctx.response().addCookie(ViewerAuth.cookie(ctx.request(), ViewerAuth.SHARE_COOKIE, "", 0));
        redirect(ctx, "/");
    }

    private static void backToForm(RoutingContext ctx, String next) {
        redirect(ctx, "/login?failed=1&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** 303: the browser follows with a GET, so reloading the next page does not post the password again. */
    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }

    /** Only a path on this server: "//evil.example" or "https://..." would send the user elsewhere. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }
}
