package org.livecam.access;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public record AccessConfig(Path usersFile, AccessRule defaultRule, Map<String, AccessRule> cameras,
                           Map<String, String> publishTokens, Clock clock) {
    public static final AccessConfig PUBLIC = new AccessConfig(null, AccessRule.PUBLIC, Map.of(), Map.of(), Clock.systemUTC());

    public AccessConfig {
        cameras = Map.copyOf(cameras);
        publishTokens = Map.copyOf(publishTokens);
        if (usersFile == null && restricts(defaultRule, cameras)) {
            throw new IllegalArgumentException("private cameras need users: give --users FILE (make one with 'livecam users add NAME')");
        }
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
        return new AccessConfig(newUsersFile, defaultRule, cameras, publishTokens, clock);
    }

    public AccessConfig withDefaultRule(AccessRule newDefaultRule) {
        return new AccessConfig(usersFile, newDefaultRule, cameras, publishTokens, clock);
    }

    public AccessConfig withCamera(String camera, AccessRule rule) {
        Map<String, AccessRule> more = new HashMap<>(cameras);
        more.put(camera, rule);
        return new AccessConfig(usersFile, defaultRule, more, publishTokens, clock);
    }

    public AccessConfig withPublishToken(String camera, String token) {
        Map<String, String> more = new HashMap<>(publishTokens);
        more.put(camera, token);
        return new AccessConfig(usersFile, defaultRule, cameras, more, clock);
    }

    public AccessConfig withClock(Clock newClock) {
        return new AccessConfig(usersFile, defaultRule, cameras, publishTokens, newClock);
    }

    @Override
    public String toString() {
        return "AccessConfig[usersFile=" + usersFile + ", defaultRule=" + defaultRule + ", cameras=" + cameras
                + ", publishTokens for " + publishTokens.keySet() + "]"; // never the tokens
    }
}
