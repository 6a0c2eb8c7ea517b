package org.livecam.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.livecam.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /api/cameras/{id}} (a JSON body with {@code source} and the config file's camera
 * keys: {@code always-on}, {@code idle-timeout}, {@code fps}) creates or replaces a pulled camera;
 * {@code DELETE /api/cameras/{id}} removes it. Both need {@code Authorization: Bearer ADMIN_TOKEN}
 * (compared in constant time) and are off, with a 403 that says how to turn them on, when no
 * admin token is set. The change itself runs on a worker: stopping a source may wait for its
 * process to exit.
 */
final class CameraAdminHandler {
    private static final Logger log = LoggerFactory.getLogger(CameraAdminHandler.class);
    /** A camera's settings are a few lines; the body handler refuses more. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final CameraAdmin admin;
    private final byte[] adminToken;
    private final ApiHandler api;
    private final ClientAddress clients;

    CameraAdminHandler(Vertx vertx, CameraAdmin admin, String adminToken, ApiHandler api, ClientAddress clients) {
        this.clients = clients;
        this.vertx = vertx;
        this.admin = admin;
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.api = api;
    }

    void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!authorized(ctx.request())) {
            return;
        }
        ConfigFile.CameraEntry camera;
        try {
            camera = ConfigFile.camera(id, ctx.body().asString(), "request body");
        } catch (ConfigFile.ConfigException e) {
            Errors.send(ctx.response(), 400, e.getMessage());
            return;
        }
        change(ctx, () -> admin.put(camera), created -> {
            log.info("Camera {} {} over the API from {}", id, created ? "added" : "replaced", clients.of(ctx.request()));
            ctx.response().setStatusCode(created ? 201 : 200);
            api.one(ctx.response(), id);
        });
    }

    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!authorized(ctx.request())) {
            return;
        }
        change(ctx, () -> {
            admin.remove(id);
            return true;
        }, done -> {
            log.info("Camera {} removed over the API from {}", id, clients.of(ctx.request()));
            ctx.response().setStatusCode(204).end();
        });
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

    /** True for the right admin token; otherwise answers 403 (off, or wrong token) or 401 (none given). */
    private boolean authorized(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (adminToken == null) {
            Errors.send(response, 403, "managing cameras over the API is off; start livecam with --admin-token TOKEN"
                    + " (or LIVECAM_ADMIN_TOKEN) to turn it on");
            return false;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"livecam admin\"");
            Errors.send(response, 401, "managing cameras needs 'Authorization: Bearer ADMIN_TOKEN' (the --admin-token)");
            return false;
        }
        if (!MessageDigest.isEqual(adminToken, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            log.warn("Wrong admin token for {} {} from {}", request.method(), request.path(), clients.of(request));
            Errors.send(response, 403, "wrong admin token");
            return false;
        }
        return true;
    }
}
