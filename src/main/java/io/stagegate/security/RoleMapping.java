package io.stagegate.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Stagegate role the values of a signed-in user's roles claim grant: {@code admin} when any of them is an admin
 * value, else {@code viewer} when any is a viewer value, else none. The provider's own role names never become
 * Stagegate roles by themselves: a group that happens to be called "admin" grants nothing unless it is mapped.
 */
public record RoleMapping(Set<String> admin, Set<String> viewer) {
    public RoleMapping {
        admin = Set.copyOf(admin);
        viewer = Set.copyOf(viewer);
    }

    static RoleMapping of(AuthConfig.Oidc config) {
        return new RoleMapping(values(config.adminRoles()), values(config.viewerRoles()));
    }

    public boolean isEmpty() {
        return admin.isEmpty() && viewer.isEmpty();
    }

    /** The role {@code claimed} grants, if any. */
    public Optional<String> roleOf(Set<String> claimed) {
        if (claimed.stream().anyMatch(admin::contains)) {
            return Optional.of(Roles.ADMIN);
        }
        return claimed.stream().anyMatch(viewer::contains) ? Optional.of(Roles.VIEWER) : Optional.empty();
    }

    private static Set<String> values(Optional<List<String>> configured) {
        return configured.orElse(List.of()).stream().map(String::strip).filter(value -> !value.isEmpty()).collect(Collectors.toSet());
    }
}
