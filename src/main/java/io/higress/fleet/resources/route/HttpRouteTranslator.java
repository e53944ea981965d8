package io.higress.fleet.resources.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.GatewayParent;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Ownership;
import java.util.ArrayList;
import java.util.List;

/**
 * route ⇄ {@code gateway.networking.k8s.io/v1} HTTPRoute, with the same gateway behaviour as the Ingress
 * ({@link RouteTranslator}): {@code domain} → {@code spec.hostnames}, one rule whose {@code matches} are the paths
 * ({@code /api/*} → {@code PathPrefix /api}, {@code /*} → {@code PathPrefix /}, others {@code Exact}; matches of a rule
 * are alternatives, as an Ingress rule's paths are) and whose one {@code backendRef} is the Service
 * {@code serviceName:servicePort}. {@code spec.parentRefs} is the cluster's {@code gateway-parent} on create; an update
 * keeps the parents the HTTPRoute has. Input must have passed {@link RouteValidator}.
 */
final class HttpRouteTranslator {
    static final KubernetesType HTTPROUTE = GatewayApi.type("HTTPRoute", "httproutes");
    static final String PATH_PREFIX = "PathPrefix";
    static final String EXACT = "Exact";
    /** The HTTPRoute CRD's limits (maxItems, maxLength), which an Ingress does not have. */
    static final int MAX_HOSTNAMES = 16;
    static final int MAX_MATCHES = 64;
    static final int MAX_PATH = 1024;
    /** The CRD's pattern of an Exact or PathPrefix value. */
    static final java.util.regex.Pattern PATH_VALUE =
            java.util.regex.Pattern.compile("^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$");
    /**
     * The mark of an HTTPRoute written as a route (beside the fleet's label, which every object written through
     * {@code /api/v1/httproutes} carries too): only HTTPRoutes with it are routes the fleet manages.
     */
    static final String FORM_ANNOTATION = "higress-fleet.io/form";
    static final String ROUTE_FORM = "route";

    private HttpRouteTranslator() {
    }

    /** What an HTTPRoute cannot hold of a (valid) route, in {@code cluster}: field errors naming the route's fields. */
    static List<FieldError> inexpressible(RouteSpec r, String cluster) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        String why = " (cluster " + cluster + " writes the route as an HTTPRoute)";
        if (r.domain() != null && r.domain().size() > MAX_HOSTNAMES) {
            c.fail("domain", "an HTTPRoute holds at most " + MAX_HOSTNAMES + " hostnames" + why);
        }
        if (r.paths().size() > MAX_MATCHES) {
            c.fail("paths", "an HTTPRoute rule holds at most " + MAX_MATCHES + " matches" + why);
        }
        for (int i = 0; i < r.paths().size(); i++) {
            String value = PathMatch.of(r.paths().get(i)).value();
            if (value.length() > MAX_PATH) {
                c.fail("paths[" + i + "]", "an HTTPRoute path holds at most " + MAX_PATH + " characters" + why);
            } else if (!PATH_VALUE.matcher(value).matches()) {
                c.fail("paths[" + i + "]", "an HTTPRoute path holds only letters, digits, -/._~!$&'()*+,;=:@ and "
                        + "%XX escapes" + why);
            }
        }
        return errors;
    }

    /** An HTTPRoute the fleet wrote as a route: its label and the route form's annotation. */
    static boolean isRoute(ObjectNode o) {
        return Ownership.isManaged(o) && ROUTE_FORM.equals(o.path("metadata").path("annotations")
                .path(FORM_ANNOTATION).asText(null));
    }

    /** The HTTPRoute the cluster holds (null: none) names the Gateways it attaches to. */
    static boolean hasParents(ObjectNode current) {
        return current != null && current.path("spec").get("parentRefs") instanceof ArrayNode p && !p.isEmpty();
    }

    /**
     * The HTTPRoute, over the one the cluster holds ({@code current}, null: none) to keep its parents; {@code parent}
     * (the cluster's) when it has none.
     */
    static ObjectNode toHttpRoute(RouteSpec r, String namespace, GatewayParent parent, ObjectNode current) {
        ObjectNode o = GatewayApi.object(HTTPROUTE, r.name(), namespace);
        ((ObjectNode) o.get("metadata")).putObject("annotations").put(FORM_ANNOTATION, ROUTE_FORM);
        ObjectNode spec = o.putObject("spec");
        if (hasParents(current)) {
            spec.set("parentRefs", current.path("spec").get("parentRefs").deepCopy());
        } else {
            spec.putArray("parentRefs").addObject().put("name", parent.name()).put("namespace", parent.namespace());
        }
        if (r.domain() != null && !r.domain().isEmpty()) {
            ArrayNode hosts = spec.putArray("hostnames");
            r.domain().forEach(hosts::add);
        }
        ObjectNode rule = spec.putArray("rules").addObject();
        ArrayNode matches = rule.putArray("matches");
        for (String p : r.paths()) {
            PathMatch m = PathMatch.of(p);
            matches.addObject().putObject("path").put("type", m.prefix() ? PATH_PREFIX : EXACT).put("value", m.value());
        }
        rule.putArray("backendRefs").addObject().put("name", r.serviceName()).put("port", r.servicePort());
        return o;
    }

    /**
     * Reads an HTTPRoute back as a route. Lossless for what {@link #toHttpRoute} writes; for HTTPRoutes written by
     * others the paths and backend are those of the first rule (a match without path is the Gateway API's default,
     * {@code PathPrefix /}; a {@code RegularExpression} path reads as its expression).
     */
    static RouteSpec fromHttpRoute(ObjectNode o) {
        JsonNode spec = o.path("spec");
        List<String> domains = new ArrayList<>();
        spec.path("hostnames").forEach(h -> domains.add(h.asText()));
        JsonNode rule = spec.path("rules").path(0);
        List<String> paths = new ArrayList<>();
        rule.path("matches").forEach(m -> {
            JsonNode path = m.path("path");
            paths.add(new PathMatch(PATH_PREFIX.equals(path.path("type").asText(PATH_PREFIX)),
                    path.path("value").asText("/")).path());
        });
        if (paths.isEmpty() && !rule.isMissingNode()) {
            paths.add("/*"); // a rule without matches matches every path
        }
        JsonNode backend = rule.path("backendRefs").path(0);
        return new RouteSpec(o.path("metadata").path("name").asText(null), domains, paths,
                backend.path("name").asText(null), backend.path("port").isInt() ? backend.get("port").asInt() : null,
                o.path("metadata").path("namespace").asText(null));
    }
}
