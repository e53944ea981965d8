package io.higress.fleet.resources.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.RouteSpec;
import io.higress.fleet.upstream.console.ConsoleJson;
import java.util.ArrayList;
import java.util.List;

/**
 * route ⇄ console route ({@code /v1/routes}). Chosen to end in the same gateway behaviour as the Kubernetes path
 * ({@code RouteTranslator}):
 * <ul>
 * <li>{@code /api/*} → {@code PRE /api} (the console writes it as an Ingress {@code Prefix /api}, like the Kubernetes
 * path does), {@code /*} → {@code PRE /}, a path without wildcard → {@code EQUAL}; always case-sensitive. A console
 * route has ONE path: more are refused (400) rather than silently dropped.</li>
 * <li>{@code serviceName} without a dot is a Kubernetes Service: {@code <name>.<namespace>.svc.cluster.local}, the
 * namespace being the request's or the configured one (as the Ingress's namespace is on the Kubernetes path). The
 * console treats names without {@code .svc.cluster.local} as registry services ({@code x.dns}, {@code x.static},
 * nacos names), which pass through unchanged. Weight 100.</li>
 * </ul>
 * Reading back is the inverse; {@code REGULAR} paths and extra services are console-only features, shown as the
 * regex and the first service.
 */
public final class ConsoleRouteMapping {
    static final String K8S_SUFFIX = ".svc.cluster.local";

    private final String defaultNamespace;

    public ConsoleRouteMapping(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    /** The console fields this mapping owns; others (methods, rewrite, cors...) are kept from the current route. */
    public ObjectNode toConsole(RouteSpec r) {
        if (r.paths() == null || r.paths().size() != 1) {
            throw new ProblemException(Problem.invalid("paths", "a console-managed cluster takes exactly one path per "
                    + "route (the console's route has one path): split the route"));
        }
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("name", r.name());
        ArrayNode domains = o.putArray("domains");
        if (r.domain() != null) {
            r.domain().forEach(domains::add);
        }
        String p = r.paths().get(0);
        boolean prefix = p.endsWith("/*");
        String value = prefix ? p.substring(0, p.length() - 2) : p;
        o.putObject("path")
                .put("matchType", prefix ? "PRE" : "EQUAL")
                .put("matchValue", value.isEmpty() ? "/" : value)
                .put("caseSensitive", true);
        o.putArray("services").addObject()
                .put("name", qualifiedService(r.serviceName(), r.namespace()))
                .put("port", r.servicePort())
                .put("weight", 100);
        return o;
    }

    /** The current console route with the owned fields replaced, carrying the current {@code version}. */
    public ObjectNode onto(JsonNode current, ObjectNode desired) {
        ObjectNode out = current.isObject() ? ((ObjectNode) current).deepCopy() : ConsoleJson.MAPPER.createObjectNode();
        out.setAll(desired);
        return out;
    }

    /** Whether {@code current} already has what {@code desired} owns (then a write is "unchanged"). */
    public boolean same(JsonNode current, ObjectNode desired) {
        return current.path("domains").equals(desired.path("domains"))
                && current.path("path").path("matchType").equals(desired.path("path").path("matchType"))
                && current.path("path").path("matchValue").equals(desired.path("path").path("matchValue"))
                && servicesOf(current).equals(servicesOf(desired));
    }

    private static List<String> servicesOf(JsonNode route) {
        List<String> out = new ArrayList<>();
        route.path("services").forEach(s -> out.add(s.path("name").asText() + ":" + s.path("port").asInt()
                + "@" + s.path("weight").asInt(100)));
        return out;
    }

    public RouteSpec fromConsole(JsonNode route) {
        List<String> domains = new ArrayList<>();
        route.path("domains").forEach(d -> domains.add(d.asText()));
        JsonNode path = route.path("path");
        String value = path.path("matchValue").asText("/");
        String p = "PRE".equals(path.path("matchType").asText()) ? (value.endsWith("/") ? value + "*" : value + "/*")
                : value;
        JsonNode service = route.path("services").path(0);
        String name = service.path("name").isTextual() ? service.get("name").asText() : null;
        String namespace = null;
        if (name != null && name.endsWith(K8S_SUFFIX)) {
            String[] parts = name.substring(0, name.length() - K8S_SUFFIX.length()).split("\\.", 2);
            if (parts.length == 2) {
                name = parts[0];
                namespace = parts[1].equals(defaultNamespace) ? null : parts[1];
            }
        }
        Integer port = service.path("port").isNumber() ? service.get("port").asInt() : null;
        return new RouteSpec(route.path("name").asText(), domains, List.of(p), name, port, namespace);
    }

    private String qualifiedService(String name, String namespace) {
        if (name == null || name.contains(".")) {
            return name;
        }
        return name + "." + (namespace != null ? namespace : defaultNamespace) + K8S_SUFFIX;
    }
}
