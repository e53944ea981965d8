package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * THE access table: every rule of who may call what, keyed by HTTP method and path pattern, first match wins. It
 * ends with catch-alls that require a viewer for reads and an operator for anything else, so an endpoint that
 * nobody listed here is protected, never open. docs/security.md shows the same table.
 */
public final class AccessTable {

    /**
     * What a request needs: nothing (open), or a caller holding at least {@code role}: on the clusters it targets
     * ({@link Reach#TARGETS}: a role binding on them will do), or on every cluster ({@link Reach#EVERYWHERE}: only an
     * unscoped role, for what is not about some clusters: the audit log, registering clusters, /q/*).
     */
    @RegisterForReflection
    public record Requirement(Role role, Reach reach) {
        public static final Requirement OPEN = new Requirement(null, Reach.TARGETS);

        public Requirement(Role role) {
            this(role, Reach.TARGETS);
        }

        public boolean isOpen() {
            return role == null;
        }

        static Requirement everywhere(Role role) {
            return new Requirement(role, Reach.EVERYWHERE);
        }
    }

    /** Where the role must hold. */
    public enum Reach { TARGETS, EVERYWHERE }

    /** One row: methods (empty = any) and a pattern of segments where '*' is one segment and '**' any number. */
    @RegisterForReflection
    public record Rule(Set<String> methods, String pattern, Requirement requirement) {
        boolean matches(String method, String canonicalPath) {
            return (methods.isEmpty() || methods.contains(method)) && PathPattern.matches(pattern, canonicalPath);
        }
    }

    private static final Set<String> ANY = Set.of();
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final List<Rule> rules;

    public AccessTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The facade's table; {@code metricsRole} is fleet.security.metrics-role (empty = open). */
    public static AccessTable standard(Optional<Role> metricsRole) {
        Requirement viewer = new Requirement(Role.VIEWER);
        Requirement operator = new Requirement(Role.OPERATOR);
        Requirement admin = new Requirement(Role.ADMIN);
        List<Rule> r = new ArrayList<>();
        r.add(new Rule(Set.of("POST"), "/api/v1/user/login", Requirement.OPEN));
        r.add(new Rule(Set.of("GET"), "/api/v1/user/sso/login", Requirement.OPEN));
        r.add(new Rule(Set.of("GET"), "/api/v1/user/sso/callback", Requirement.OPEN));
        r.add(new Rule(ANY, "/q/health/**", Requirement.OPEN));
        // The API description holds no data and helps clients generate code: open.
        r.add(new Rule(READS, "/q/openapi/**", Requirement.OPEN));
        r.add(new Rule(READS, "/q/swagger-ui/**", Requirement.OPEN));
        // the metrics describe every cluster: a scoped binding does not reach them
        r.add(new Rule(ANY, "/q/metrics/**", metricsRole.map(Requirement::everywhere).orElse(Requirement.OPEN)));
        r.add(new Rule(ANY, "/api/v1/audit/**", Requirement.everywhere(Role.ADMIN)));
        r.add(new Rule(Set.of("POST"), "/api/v1/clusters/*/gateways/*/admin/**", admin));
        // registering, changing and removing clusters: their credentials are written, and a scoped admin could
        // otherwise relabel a cluster into its scope
        r.add(new Rule(Set.of("POST"), "/api/v1/clusters", Requirement.everywhere(Role.ADMIN)));
        r.add(new Rule(Set.of("PUT", "DELETE"), "/api/v1/clusters/*", Requirement.everywhere(Role.ADMIN)));
        r.add(new Rule(Set.of("POST"), "/api/v1/fleet/logging", operator));
        // pause, resume, cancel, promote, approve: the rollout's clusters are not in the request, and resuming or promoting
        // writes to its next waves, so only an operator on every cluster acts on a running rollout
        r.add(new Rule(Set.of("POST"), "/api/v1/rollouts/*/*", Requirement.everywhere(Role.OPERATOR)));
        // the other /q/* (dev UI, framework endpoints) are not about clusters
        r.add(new Rule(READS, "/q/**", Requirement.everywhere(Role.VIEWER)));
        r.add(new Rule(ANY, "/q/**", Requirement.everywhere(Role.OPERATOR)));
        // Default deny: everything else needs a caller, reads a viewer, anything else an operator.
        r.add(new Rule(READS, "/**", viewer));
        r.add(new Rule(ANY, "/**", operator));
        return new AccessTable(r);
    }

    public Requirement requirementFor(String method, String canonicalPath) {
        String m = method.toUpperCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.matches(m, canonicalPath)) {
                return rule.requirement();
            }
        }
        return Requirement.everywhere(Role.ADMIN);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Segment globs: '*' one segment, '**' zero or more segments. */
    static final class PathPattern {
        private PathPattern() {
        }

        static boolean matches(String pattern, String path) {
            return matches(split(pattern), 0, split(path), 0);
        }

        private static String[] split(String p) {
            String trimmed = p.replaceAll("^/+|/+$", "");
            return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
        }

        private static boolean matches(String[] pat, int i, String[] path, int j) {
            if (i == pat.length) {
                return j == path.length;
            }
            if (pat[i].equals("**")) {
                for (int k = j; k <= path.length; k++) {
                    if (matches(pat, i + 1, path, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j == path.length) {
                return false;
            }
            return (pat[i].equals("*") || pat[i].equals(path[j])) && matches(pat, i + 1, path, j + 1);
        }
    }
}
