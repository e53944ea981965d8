package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Who is calling: a login user or an API key, with the roles configured for it. Resources use it for redaction
 * ({@link #isAdmin()}) and the audit log uses its name.
 */
@RegisterForReflection
public record Caller(String name, Set<Role> roles, Kind kind) {

    public enum Kind { USER, API_KEY, ANONYMOUS }

    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), Kind.ANONYMOUS);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role needed) {
        return roles.stream().anyMatch(r -> r.includes(needed));
    }

    /** Unredacted answers, dangerous admin endpoints and the audit log are for admins only. */
    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public List<String> roleLabels() {
        return roles.stream().sorted(Comparator.naturalOrder()).map(Role::label).toList();
    }
}
