package org.livecam.config;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may watch a camera: everyone ({@code public}), every signed-in user ({@code private}), or
 * the users named ({@code [alice, bob]}). As written by {@code --access} and by a camera's
 * {@code access:} key in livecam.yml.
 */
public record AccessRule(Kind kind, Set<String> users) {
    public enum Kind { PUBLIC, PRIVATE, USERS }

    public static final AccessRule PUBLIC = new AccessRule(Kind.PUBLIC, Set.of());
    public static final AccessRule PRIVATE = new AccessRule(Kind.PRIVATE, Set.of());

    public AccessRule {
        users = Set.copyOf(new TreeSet<>(users));
        if (kind == Kind.USERS && users.isEmpty()) {
            throw new IllegalArgumentException("access needs at least one user name, or 'private'");
        }
    }

    /** {@code public} or {@code private}; IllegalArgumentException for anything else. */
    public static AccessRule parse(String keyword) {
        return switch (keyword == null ? "" : keyword.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "private" -> PRIVATE;
            default -> throw new IllegalArgumentException("access must be public, private or a list of user names, not '" + keyword + "'");
        };
    }

    public static AccessRule onlyUsers(Collection<String> names) {
        for (String name : names) {
            if (name == null || name.isBlank() || name.contains(":")) {
                throw new IllegalArgumentException("'" + name + "' is not a user name");
            }
        }
        return new AccessRule(Kind.USERS, Set.copyOf(names));
    }

    public boolean isPublic() {
        return kind == Kind.PUBLIC;
    }

    /** Whether a signed-in {@code user} may watch. */
    public boolean admits(String user) {
        return kind != Kind.USERS || users.contains(user);
    }

    @Override
    public String toString() {
        return kind == Kind.USERS ? users.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
