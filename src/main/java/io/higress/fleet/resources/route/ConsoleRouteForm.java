package io.higress.fleet.resources.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.RoutesApi;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * route ⇄ console route ({@code /v1/routes}). Chosen to end in the same gateway behaviour as the Kubernetes path
 * ({@link RouteTranslator}):
 * <ul>
 * <li>{@code /api/*} → {@code PRE /api} (the console writes it as an Ingress {@code Prefix /api}, like the Kubernetes
 * path does), {@code /*} → {@code PRE /}, a path without wildcard → {@code EQUAL}; case-sensitive when created. A
 * console route has ONE path: more are refused (400) rather than silently dropped.</li>
 * <li>{@code serviceName} without a dot is a Kubernetes Service: {@code <name>.<namespace>.svc.cluster.local}, the
 * namespace being the route's {@code namespace} or the request's (as the Ingress's namespace is on the Kubernetes
 * path). Names with a dot ({@code x.dns}, {@code x.static}, nacos names) pass through unchanged. Weight 100.</li>
 * <li>The fleet's mark is the custom label {@code app.kubernetes.io/managed-by: higress-fleet}, which the console
 * keeps on the route's Ingress: the console's own routes (its landing route {@code default}) lack it.</li>
 * <li>The console replaces a route on PUT: an update sends the route it read with only the facade fields whose value
 * changed replaced — services (70/30 weights), methods, headers, rewrite, {@code caseSensitive} stay as they are.</li>
 * </ul>
 * A route with {@code api: gateway} is a 400 naming {@code api}: the console writes Ingresses (reads say
 * {@code ingress}). Reading back is the inverse; {@code REGULAR} paths and extra services are console-only features, shown as the
 * regex and the first service.
 */
public final class ConsoleRouteForm implements Form<RouteSpec> {
    static final ConsoleType ROUTES = new ConsoleType("/v1/routes", false, false);
    static final String K8S_SUFFIX = ".svc.cluster.local";

    @Override
    public Uni<Copy<RouteSpec>> read(StoreReads reads, String namespace, String name, RouteSpec desired) {
        return reads.get(ROUTES.address(name))
                .map(o -> o == null ? Copy.<RouteSpec>absent(namespace, name, List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<RouteSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(ROUTES, null).map(all -> all.stream().map(o -> copy(o, namespace)).toList());
    }

    @Override
    public List<Part> parts(RouteSpec spec, String namespace, Copy<RouteSpec> current) {
        if (RoutesApi.GATEWAY.wire().equals(spec.api())) {
            throw new ProblemException(Problem.invalid(RouteKind.API, "a console-managed cluster holds routes as "
                    + "Ingresses only (the Higress Console writes Ingresses): leave it out, or write the route with "
                    + "api ingress"));
        }
        ObjectNode body = current.parts().isEmpty() ? toConsole(spec, namespace)
                : onto(current.parts().get(0).body(), current.spec(), spec, namespace);
        ObjectNode labels = body.get("customLabels") instanceof ObjectNode l ? l : body.putObject("customLabels");
        labels.put(Ownership.LABEL, Ownership.VALUE);
        body.remove("version");
        return List.of(new Part(ROUTES.address(spec.name()), body, null));
    }

    private Copy<RouteSpec> copy(StoredObject o, String namespace) {
        boolean marked = Ownership.VALUE.equals(o.body().path("customLabels").path(Ownership.LABEL).asText(null));
        RouteSpec spec = fromConsole(o.body(), namespace).withApi(RoutesApi.INGRESS.wire());
        return new Copy<>(namespace, o.address().name(), spec, List.of(o), List.of(), marked, o.version());
    }

    /** A new console route: the fields this mapping owns. */
    ObjectNode toConsole(RouteSpec r, String namespace) {
        String p = onePath(r);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", r.name());
        domains(o, r);
        path(o.putObject("path"), p).put("caseSensitive", true);
        services(o, r, namespace);
        return o;
    }

    /** The current console route with only the facade fields that changed replaced. */
    private ObjectNode onto(ObjectNode current, RouteSpec was, RouteSpec r, String namespace) {
        ObjectNode out = current.deepCopy();
        if (!Objects.equals(orEmpty(was.domain()), orEmpty(r.domain()))) {
            domains(out, r);
        }
        if (!Objects.equals(was.paths(), r.paths())) {
            String p = onePath(r);
            path(out.get("path") instanceof ObjectNode existing ? existing : out.putObject("path"), p);
        }
        if (!Objects.equals(was.serviceName(), r.serviceName()) || !Objects.equals(was.servicePort(), r.servicePort())
                || !Objects.equals(was.namespace(), r.namespace())) {
            services(out, r, namespace);
        }
        return out;
    }

    private static String onePath(RouteSpec r) {
        if (r.paths() == null || r.paths().size() != 1) {
            throw new ProblemException(Problem.invalid("paths", "a console-managed cluster takes exactly one path per "
                    + "route (the console's route has one path): split the route"));
        }
        return r.paths().get(0);
    }

    private static void domains(ObjectNode o, RouteSpec r) {
        ArrayNode domains = o.putArray("domains");
        orEmpty(r.domain()).forEach(domains::add);
    }

    private static ObjectNode path(ObjectNode path, String p) {
        PathMatch m = PathMatch.of(p);
        return path.put("matchType", m.prefix() ? "PRE" : "EQUAL").put("matchValue", m.value());
    }

    private static void services(ObjectNode o, RouteSpec r, String namespace) {
        o.putArray("services").addObject()
                .put("name", qualifiedService(r.serviceName(), r.namespace() != null ? r.namespace() : namespace))
                .put("port", r.servicePort())
                .put("weight", 100);
    }

    RouteSpec fromConsole(JsonNode route, String defaultNamespace) {
        List<String> domains = new ArrayList<>();
        route.path("domains").forEach(d -> domains.add(d.asText()));
        JsonNode path = route.path("path");
        String p = new PathMatch("PRE".equals(path.path("matchType").asText()), path.path("matchValue").asText("/"))
                .path();
        JsonNode service = route.path("services").path(0);
        String name = service.path("name").isTextual() ? service.get("name").asText() : null;
        String namespace = defaultNamespace; // as on the Kubernetes path: where the route's service lives
        if (name != null && name.endsWith(K8S_SUFFIX)) {
            String[] parts = name.substring(0, name.length() - K8S_SUFFIX.length()).split("\\.", 2);
            if (parts.length == 2) {
                name = parts[0];
                namespace = parts[1];
            }
        }
        Integer port = service.path("port").isNumber() ? service.get("port").asInt() : null;
        return new RouteSpec(route.path("name").asText(), domains, List.of(p), name, port, namespace);
    }

    private static String qualifiedService(String name, String namespace) {
        if (name == null || name.contains(".")) {
            return name;
        }
        return name + "." + namespace + K8S_SUFFIX;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
