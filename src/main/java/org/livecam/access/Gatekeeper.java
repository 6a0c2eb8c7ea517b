package org.livecam.access;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.livecam.config.AccessRule;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides who may watch which camera, and checks what a caller presents:
 * Basic credentials ({@link #signIn}), session cookies, share tokens. Asked once per request or
 * connection, never per frame. Thread-safe; only {@link #signIn} is slow (bcrypt).
 *
 * <p>What a caller who may not watch is told, so that no answer names a camera the caller may
 * not see: someone not signed in gets "sign in" (401) for a private camera and, once any camera
 * is private, for an unknown one too; a signed-in user gets "no such camera" (404) for a
 * camera they are not allowed on, as for an unknown one.
 */
public final class Gatekeeper {
    /** WATCH; SIGN_IN (401, or the sign-in page); HIDDEN (404, as for an unknown camera). */
    public enum Verdict { WATCH, SIGN_IN, HIDDEN }

    /** What a sign-in attempt came to: a user, a refusal, or too many refusals (retry after some seconds). */
    public record SignIn(String user, long retryAfterSeconds) {
        public boolean accepted() {
            return user != null;
        }

        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    public static final String SESSION_KEY_FILE = "session-key";
    /** Everyone watches everything; no users, no files. */
    public static final Gatekeeper EVERYONE = new Gatekeeper(AccessConfig.PUBLIC, UserFile.none(), null, null);

    private final AccessConfig config;
    private final UserFile users;
    private final Sessions sessions;
    private final ShareLinks shares;
    private final SignInThrottle throttle;
    private final CredentialCache verified = new CredentialCache();

    private Gatekeeper(AccessConfig config, UserFile users, Sessions sessions, ShareLinks shares) {
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.shares = shares;
        this.throttle = new SignInThrottle(config.clock());
    }

    /** Reads the users file and the signing keys in {@code dataDir} (making the keys at the first start). */
    public static Gatekeeper open(AccessConfig config, Path dataDir) {
        if (config.usersFile() == null && !config.restricts()) {
            return new Gatekeeper(config, UserFile.none(), null, null); // public as before: no key files made
        }
        UserFile users = config.usersFile() == null ? UserFile.none() : UserFile.open(config.usersFile());
        LoggerFactory.getLogger(Gatekeeper.class).info("Viewing: cameras {} by default{}; {} user(s) in {}", config.defaultRule(),
                config.cameras().isEmpty() ? "" : ", " + config.cameras(), users.size(), config.usersFile());
        for (String admin : config.admins()) {
            if (users.hashOf(admin) == null) {
                LoggerFactory.getLogger(Gatekeeper.class).warn("Admin {} (--admins) is not in {} (yet): it cannot sign in until added", admin,
                        config.usersFile());
            }
        }
        Clock clock = config.clock();
        return new Gatekeeper(config, users,
                new Sessions(SigningKey.open(dataDir, SESSION_KEY_FILE), users, clock),
                new ShareLinks(SigningKey.open(dataDir, ShareLinks.KEY_FILE), clock));
    }

    /** True when every camera is public and there are no users: nothing to check, ever. */
    public boolean isOpen() {
        return config.usersFile() == null && !config.restricts();
    }

    public AccessConfig config() {
        return config;
    }

    /** Whether {@code caller} may watch {@code camera}; {@code exists}: whether the camera exists now. */
    public Verdict verdict(Caller caller, String camera, boolean exists) {
        AccessRule rule = config.ruleOf(camera);
        if (camera.equals(caller.sharedCamera())) {
            return Verdict.WATCH;
        }
        if (caller.signedIn()) {
            return rule.admits(caller.user()) ? Verdict.WATCH : Verdict.HIDDEN;
        }
        if (rule.isPublic()) {
            return exists || !config.restricts() ? Verdict.WATCH : Verdict.SIGN_IN;
        }
        return Verdict.SIGN_IN;
    }

    /** True when {@code --admins} names someone: signed-in admins may manage cameras and read {@code /metrics}. */
    public boolean hasAdmins() {
        return !config.admins().isEmpty();
    }

    /** Whether {@code caller} is signed in (Basic or a session) as one of the {@code --admins}; a share link never is. */
    public boolean isAdmin(Caller caller) {
        return caller.signedIn() && config.admins().contains(caller.user());
    }

    /**
     * The cameras {@code caller} may see in a list (the API, the grid socket), asked again at each
     * use: a signed-in user removed from the users file since counts as nobody (with their share
     * link, if any).
     */
    public Predicate<String> visibleTo(Caller caller) {
        if (!caller.signedIn()) {
            return camera -> verdict(caller, camera, true) == Verdict.WATCH;
        }
        Caller removed = new Caller(null, caller.sharedCamera());
        return camera -> verdict(users.hashOf(caller.user()) != null ? caller : removed, camera, true) == Verdict.WATCH;
    }

    /**
     * Whether {@code caller} may watch {@code camera} only through its share link: a stream so
     * admitted must end when the link expires, one admitted otherwise need not.
     */
    public boolean onlyShared(Caller caller, String camera) {
        return camera.equals(caller.sharedCamera())
                && verdict(new Caller(caller.user(), null), camera, true) != Verdict.WATCH;
    }

    /** Whether the page of all cameras asks an anonymous caller to sign in first (the default rule is not public). */
    public boolean gridNeedsSignIn(Caller caller) {
        return !caller.signedIn() && caller.sharedCamera() == null && !config.defaultRule().isPublic();
    }

    /** Throttled, or accepted from recent memory; null when bcrypt must decide ({@link #signIn}, off the event loop). */
    public SignIn quickSignIn(String user, String password, String address) {
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            return new SignIn(null, wait);
        }
        return verified.knows(user, password, users.hashOf(user)) ? new SignIn(user, 0) : null;
    }

    /** Checks a name and password (slow: bcrypt; never on an event loop), counting failures per address. */
    public SignIn signIn(String user, String password, String address) {
        SignIn quick = quickSignIn(user, password, address);
        if (quick != null) {
            return quick;
        }
        String hash = users.hashOf(user);
        if (users.verify(user, password)) {
            verified.remember(user, password, hash);
            return new SignIn(user, 0);
        }
        return new SignIn(null, throttle.failed(address));
    }

    /** A session cookie value for {@code user}, valid for {@link #sessionLifetime}. */
    public String newSession(String user) {
        return sessions.issue(user);
    }

    public Duration sessionLifetime() {
        return Sessions.LIFETIME;
    }

    /** The user a session cookie signs in, if it is still valid. */
    public Optional<String> sessionUser(String cookie) {
        return cookie == null || sessions == null ? Optional.empty() : sessions.userOf(cookie);
    }

    /** A share link of {@code camera} made by {@code caller}, who must be a user allowed on it. */
    public ShareLinks.Share newShare(Caller caller, String camera, Duration lifetime) {
        if (!caller.signedIn() || verdict(caller, camera, true) != Verdict.WATCH) {
            throw new IllegalStateException("only a signed-in user allowed on a camera may share it");
        }
        return shares.issue(camera, lifetime);
    }

    /** The share a token stands for, if it is valid now. */
    public Optional<ShareLinks.Share> share(String token) {
        return token == null || token.isEmpty() || shares == null ? Optional.empty() : shares.open(token);
    }

    /**
     * Why a share that {@link #share} found valid no longer opens its camera, asked again and
     * again by a stream it let in: "share link expired", "share link revoked" ({@code livecam
     * share --revoke-all}), or null while it still does. Cheap to ask; one thread at a time.
     */
    public Supplier<String> shareEnd(ShareLinks.Share share) {
        return shares.end(share);
    }

    /**
     * Whether a stream of {@code camera} that signed-in {@code caller} opened must be checked
     * again and again ({@link #userEnd}): a camera that an anonymous caller could not watch.
     * {@code camera} null: a socket of many cameras, which may hold such cameras.
     */
    public boolean watchesAsUser(Caller caller, String camera) {
        return caller.signedIn() && (camera == null ? config.restricts() : verdict(Caller.ANONYMOUS, camera, true) != Verdict.WATCH);
    }

    /**
     * Why {@code user}, signed in now, may no longer watch what they open now, asked again and
     * again by a stream or socket: "user removed" once the users file no longer has them
     * ({@code livecam users remove}), "password changed" once it has another password for them
     * (as their sessions end then: a leaked password changed must not keep its streams); null
     * while neither. The file is read again within a second of a change. Access rules are fixed
     * while the server runs, so nothing else ends a user's right. Cheap: a string compare; any thread.
     */
    public Supplier<String> userEnd(String user) {
        String admitted = users.hashOf(user);
        return () -> {
            String now = users.hashOf(user);
            return now == null ? "user removed" : now.equals(admitted) ? null : "password changed";
        };
    }
}
