package org.livecam.access;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.livecam.config.AccessRule;
import org.livecam.config.ConfigFile;

/**
 * Who may watch and who may publish, fixed at start (the users file itself is read again when it
 * changes). Start from {@link #PUBLIC} (everyone watches, as without these options) and change
 * what differs with the {@code with...} methods.
 *
 * @param usersFile     the htpasswd file, or null for no users
 * @param defaultRule   {@code --access}: the rule of every camera that has none of its own
 * @param cameras       camera id -> its own rule (livecam.yml {@code access:})
 * @param publishTokens camera id -> a token that publishes to that camera only
 * @param clock         the time sessions and share links expire by
 * @param admins        {@code --admins}: users of the users file who may manage cameras and read {@code /metrics}
 */
public record AccessConfig(Path usersFile, AccessRule defaultRule, Map<String, AccessRule> cameras,
                           Map<String, String> publishTokens, Clock clock, Set<String> admins) {
    public static final AccessConfig PUBLIC = new AccessConfig(null, AccessRule.PUBLIC, Map.of(), Map.of(), Clock.systemUTC(), Set.of());

    public AccessConfig {
        cameras = Map.copyOf(cameras);
        publishTokens = Map.copyOf(publishTokens);
        admins = Set.copyOf(admins);
        if (usersFile == null && restricts(defaultRule, cameras)) {
            throw new IllegalArgumentException("private cameras need users: give --users FILE (make one with 'livecam users add NAME')");
        }
        if (usersFile == null && !admins.isEmpty()) {
            throw new IllegalArgumentException("--admins names users of the users file: give --users FILE too");
        }
        for (String admin : admins) {
            if (admin.isBlank() || admin.contains(":")) {
                throw new IllegalArgumentException("--admins: '" + admin + "' is not a user name (names are not blank and have no ':')");
            }
        }
    }

    public AccessConfig(Path usersFile, AccessRule defaultRule, Map<String, AccessRule> cameras,
                        Map<String, String> publishTokens, Clock clock) {
        this(usersFile, defaultRule, cameras, publishTokens, clock, Set.of());
    }

    /** From {@code --users}, {@code --access} and the cameras of livecam.yml (their {@code access} and {@code publish_token}). */
    public static AccessConfig of(Path usersFile, AccessRule defaultRule, List<ConfigFile.CameraEntry> fileCameras) {
        AccessConfig config = new AccessConfig(usersFile, defaultRule, Map.of(), Map.of(), Clock.systemUTC());
        Map<String, AccessRule> rules = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        for (ConfigFile.CameraEntry camera : fileCameras) {
            if (camera.access() != null) {
                rules.put(camera.id(), camera.access());
            }
            if (camera.publishToken() != null) {
                tokens.put(camera.id(), camera.publishToken());
            }
        }
        return new AccessConfig(usersFile, defaultRule, rules, tokens, config.clock());
    }

    /** The rule of {@code camera}: its own, else the default. */
    public AccessRule ruleOf(String camera) {
        return cameras.getOrDefault(camera, defaultRule);
    }

    /** True when some camera is not public. */
    public boolean restricts() {
        return restricts(defaultRule, cameras);
    }

    private static boolean restricts(AccessRule defaultRule, Map<String, AccessRule> cameras) {
        return !defaultRule.isPublic() || cameras.values().stream().anyMatch(rule -> !rule.isPublic());
    }

    public AccessConfig withUsersFile(Path newUsersFile) {
        return new AccessConfig(newUsersFile, defaultRule, cameras, publishTokens, clock, admins);
    }

    public AccessConfig withDefaultRule(AccessRule newDefaultRule) {
        return new AccessConfig(usersFile, newDefaultRule, cameras, publishTokens, clock, admins);
    }

    public AccessConfig withCamera(String camera, AccessRule rule) {
        Map<String, AccessRule> more = new HashMap<>(cameras);
        more.put(camera, rule);
        return new AccessConfig(usersFile, defaultRule, more, publishTokens, clock, admins);
    }

    public AccessConfig withPublishToken(String camera, String token) {
        Map<String, String> more = new HashMap<>(publishTokens);
        more.put(camera, token);
        return new AccessConfig(usersFile, defaultRule, cameras, more, clock, admins);
    }

    public AccessConfig withClock(Clock newClock) {
        return new AccessConfig(usersFile, defaultRule, cameras, publishTokens, newClock, admins);
    }

    /** {@code --admins}: these users (of the users file) may manage cameras and read {@code /metrics}. */
    public AccessConfig withAdmins(java.util.Collection<String> newAdmins) {
        return new AccessConfig(usersFile, defaultRule, cameras, publishTokens, clock, Set.copyOf(newAdmins));
    }

    @Override
    public String toString() {
        return "AccessConfig[usersFile=" + usersFile + ", defaultRule=" + defaultRule + ", cameras=" + cameras
                + ", publishTokens for " + publishTokens.keySet() + ", admins=" + admins + "]"; // never the tokens
    }
}
