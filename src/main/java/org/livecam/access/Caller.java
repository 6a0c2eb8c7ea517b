package org.livecam.access;

/**
 * Who is asking, as found once per request or connection: a signed-in user (Basic or a session
 * cookie), the holder of a share link for one camera, both, or neither.
 *
 * @param user         the signed-in user's name, or null
 * @param sharedCamera the camera a valid share token opens, or null
 */
public record Caller(String user, String sharedCamera) {
    public static final Caller ANONYMOUS = new Caller(null, null);

    public static Caller user(String name) {
        return new Caller(name, null);
    }

    public Caller withSharedCamera(String camera) {
        return new Caller(user, camera);
    }

    public boolean signedIn() {
        return user != null;
    }
}
