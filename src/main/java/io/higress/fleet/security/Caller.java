package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling: a login user or an API key, with the roles configured for it. {@code roles} hold on every
 * cluster; {@code bindings} grant a role on the clusters their selector matches only. Resources use it for redaction
 * ({@link #isAdmin()}), the audit log its name, the scope check ({@link #mayOn}) its bindings.
 */
@RegisterForReflection
public record Caller(String name, Set<Role> roles, Kind kind, List<RoleBinding> bindings) {

    /** OIDC: a person or bot proved by the configured OIDC provider, its rights from its groups. */
    public enum Kind { USER, API_KEY, OIDC, ANONYMOUS }

    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), Kind.ANONYMOUS);

    public Caller {
        roles = Set.copyOf(roles);
        bindings = List.copyOf(bindings);
    }

    public Caller(String name, Set<Role> roles, Kind kind) {
        this(name, roles, kind, List.of());
    }

    /** Holds {@code needed} everywhere (an unscoped role). */
    public boolean has(Role needed) {
        return roles.stream().anyMatch(r -> r.includes(needed));
    }

    /** Holds {@code needed} on some clusters at least: the gate lets it in, the scope check decides per cluster. */
    public boolean hasSomewhere(Role needed) {
        return has(needed) || bindings.stream().anyMatch(b -> b.role().includes(needed));
    }

    /** Holds {@code needed} on a cluster with these labels. */
    public boolean mayOn(Role needed, Map<String, String> clusterLabels) {
        return has(needed) || bindings.stream().anyMatch(b -> b.grants(needed, clusterLabels));
    }

    /**
     * Unredacted answers, the audit log and cluster registration are for admins everywhere: a binding's admin
     * reaches its clusters' dangerous endpoints, not the secrets of the whole fleet.
     */
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public List<String> roleLabels() {
        return roles.stream().sorted(Comparator.naturalOrder()).map(Role::label).toList();
    }

    /** Unscoped roles, then bindings: {@code [viewer, operator on env in (dev,test)]}. */
    public List<String> grantLabels() {
        List<String> out = new ArrayList<>(roleLabels());
        bindings.forEach(b -> out.add(b.label()));
        return out;
    }
}
