package io.higress.fleet.admin.routes;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The table's filters, applied to each gateway's routes as its dump streams by:
 * <ul>
 * <li>{@code host}: per route configuration, the one virtual host Envoy would pick ({@link HostPattern}), and of it
 * the routes whose {@code :authority} matchers take the host;</li>
 * <li>{@code path}: the routes whose match takes the path as Envoy reads it ({@code prefix}, {@code path},
 * {@code safe_regex} on the whole path, {@code path_separated_prefix}; {@code case_sensitive}), in their order,
 * up to the first one without further conditions (Envoy takes the first match: later routes are never reached).</li>
 * </ul>
 *
 * @param host lower case, or null for every virtual host
 * @param path without its query, or null for every route
 */
@RegisterForReflection
record RouteQuery(String host, String path) {

    static final RouteQuery ALL = new RouteQuery(null, null);

    /** A 400 naming the parameter for a host or path Envoy could not be asked for. */
    static RouteQuery of(String host, String path) {
        if (host != null && (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9.:\\[\\]_-]+"))) {
            throw new ProblemException(Problem.invalid("host", "a host as a request carries it (e.g. api.example.com "
                    + "or api.example.com:8080), at most 253 characters"));
        }
        if (path != null && (!path.startsWith("/") || path.length() > 4096 || path.chars().anyMatch(c -> c <= ' '))) {
            throw new ProblemException(Problem.invalid("path", "a request path starting with / (e.g. /v1/users), "
                    + "without spaces, at most 4096 characters"));
        }
        String bare = path == null ? null : path.split("[?#]", 2)[0];
        return new RouteQuery(host == null ? null : host.toLowerCase(Locale.ROOT), bare);
    }

    /** What of one route configuration's virtual hosts the table keeps. */
    List<VirtualHostRoutes> select(List<VirtualHostRoutes> hosts) {
        List<VirtualHostRoutes> chosen = hosts;
        if (host != null) {
            chosen = hosts.stream().filter(h -> HostPattern.score(h.domains(), host) >= 0)
                    .max(Comparator.comparingInt(h -> HostPattern.score(h.domains(), host)))
                    .map(List::of).orElse(List.of());
        }
        List<VirtualHostRoutes> kept = new ArrayList<>();
        for (VirtualHostRoutes h : chosen) {
            List<RouteEntry> routes = routes(h.routes());
            if (!routes.isEmpty()) {
                kept.add(new VirtualHostRoutes(h.routeConfig(), h.version(), h.virtualHost(), h.domains(), routes));
            }
        }
        return kept;
    }

    private List<RouteEntry> routes(List<RouteEntry> routes) {
        if (host == null && path == null) {
            return routes;
        }
        List<RouteEntry> kept = new ArrayList<>();
        for (RouteEntry r : routes) {
            if ((host == null || HostPattern.authorityAllows(r.match(), host)) && (path == null || takesPath(r.match()))) {
                kept.add(r);
                if (path != null && !r.conditional()) {
                    break;
                }
            }
        }
        return kept;
    }

    private boolean takesPath(JsonNode match) {
        boolean caseSensitive = match.path("case_sensitive").asBoolean(true);
        String p = caseSensitive ? path : path.toLowerCase(Locale.ROOT);
        if (match.has("prefix")) {
            return p.startsWith(fold(match.get("prefix").asText(), caseSensitive));
        }
        if (match.has("path")) {
            return p.equals(fold(match.get("path").asText(), caseSensitive));
        }
        if (match.has("path_separated_prefix")) {
            String prefix = fold(match.get("path_separated_prefix").asText(), caseSensitive);
            return p.equals(prefix) || p.startsWith(prefix + "/");
        }
        if (match.has("safe_regex")) {
            return HostPattern.fullMatch(match.path("safe_regex").path("regex").asText(), path);
        }
        return false; // connect_matcher, path_match_policy: not a path Envoy compares
    }

    private static String fold(String s, boolean caseSensitive) {
        return caseSensitive ? s : s.toLowerCase(Locale.ROOT);
    }
}
