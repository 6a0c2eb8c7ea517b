package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.livecam.access.Caller;
import org.livecam.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/cameras/{id}} (a JSON body with {@code source} and the config file's camera
 * keys: {@code always-on}, {@code idle-timeout}, {@code fps}) creates or replaces a pulled camera;
 * {@code DELETE /api/cameras/{id}} removes it. Both need {@code Authorization: Bearer ADMIN_TOKEN}
 * or a signed-in user of {@code --admins} ({@link AdminAuth}) and are off, with a 403 that says
 * how to turn them on, when neither is set. The change itself runs on a worker: stopping a source
 * may wait for its process to exit.
 */
final class CameraAdminHandler {
    private static final Logger log = LoggerFactory.getLogger(CameraAdminHandler.class);
    /** A camera's settings are a few lines; the body handler refuses more. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    static final AdminAuth.Route ROUTE = new AdminAuth.Route("managing cameras", "--admin-token", false, 403, "livecam admin");

    private final Vertx vertx;
    private final CameraAdmin admin;
    private final AdminAuth guard;
    private final ApiHandler api;
    private final ClientAddress clients;

    CameraAdminHandler(Vertx vertx, CameraAdmin admin, AdminAuth guard, ApiHandler api, ClientAddress clients) {
        this.clients = clients;
        this.vertx = vertx;
        this.admin = admin;
        this.guard = guard;
        this.api = api;
    }

    void put(RoutingContext ctx) {
        guard.check(ctx, () -> putChecked(ctx));
    }

    private void putChecked(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ConfigFile.CameraEntry camera;
        try {
            camera = ConfigFile.camera(id, ctx.body().asString(), "request body");
        } catch (ConfigFile.ConfigException e) {
            Errors.send(ctx.response(), 400, e.getMessage());
            return;
        }
        change(ctx, () -> admin.put(camera), created -> {
            log.info("Camera {} {} over the API from {}{}", id, created ? "added" : "replaced", clients.of(ctx.request()), by(ctx));
            ctx.response().setStatusCode(created ? 201 : 200);
            api.one(ctx.response(), id);
        });
    }

    void delete(RoutingContext ctx) {
        guard.check(ctx, () -> deleteChecked(ctx));
    }

    private void deleteChecked(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        change(ctx, () -> {
            admin.remove(id);
            return true;
        }, done -> {
            log.info("Camera {} removed over the API from {}{}", id, clients.of(ctx.request()), by(ctx));
            ctx.response().setStatusCode(204).end();
        });
    }

    /** " by NAME" when an admin user made the change (rather than the token). */
    private static String by(RoutingContext ctx) {
        Caller caller = ViewerAuth.callerOf(ctx);
        return caller != null && caller.signedIn() ? " by " + caller.user() : "";
    }

    /** Runs {@code change} on a worker, then answers on the event loop: {@code then}, or the refusal. */
    private void change(RoutingContext ctx, Callable<Boolean> change, Consumer<Boolean> then) {
        vertx.executeBlocking(change, false).onComplete(result -> {
            if (result.succeeded()) {
                then.accept(result.result());
            } else if (result.cause() instanceof CameraAdmin.Refusal refusal) {
                Errors.send(ctx.response(), refusal.status(), refusal.getMessage());
            } else {
                ctx.fail(result.cause());
            }
        });
    }
}
