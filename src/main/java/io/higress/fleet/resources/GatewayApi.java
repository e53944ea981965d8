package io.higress.fleet.resources;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the Gateway API kinds ({@code gateway.networking.k8s.io/v1} Gateway, HTTPRoute, GRPCRoute) share: each is one
 * object whose facade model is its {@code spec} as given (a JSON object, field {@code spec}) with name and namespace,
 * and the checks of the fields they have in common (parentRefs, hostnames, backendRefs).
 */
public final class GatewayApi {
    public static final String API_VERSION = "gateway.networking.k8s.io/v1";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The facade model's constructor: name, the object's spec, namespace. */
    public interface SpecOf<S extends Spec> {
        S of(String name, Map<String, Object> spec, String namespace);
    }

    private GatewayApi() {
    }

    public static KubernetesType type(String kind, String plural) {
        return new KubernetesType(API_VERSION, kind, plural);
    }

    /** One object of {@code type}: the model's {@code spec} is the object's {@code spec}, nothing added. */
    public static <S extends Spec> KubernetesObjectForm<S> form(KubernetesType type,
            Function<S, Map<String, Object>> specOf, SpecOf<S> of) {
        return new KubernetesObjectForm<>(type, (s, namespace) -> {
            ObjectNode o = object(type, s.name(), namespace);
            o.set("spec", specOf.apply(s) == null ? Json.MAPPER.createObjectNode() : Json.tree(specOf.apply(s)));
            return o;
        }, o -> of.of(o.path("metadata").path("name").asText(null),
                o.get("spec") instanceof ObjectNode spec ? Json.MAPPER.convertValue(spec, MAP) : null,
                o.path("metadata").path("namespace").asText(null)));
    }

    /** A new object of {@code type} the fleet writes: apiVersion, kind, metadata (name, namespace, the fleet's label). */
    public static ObjectNode object(KubernetesType type, String name, String namespace) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", type.apiVersion()).put("kind", type.kind());
        o.putObject("metadata").put("name", name).put("namespace", namespace)
                .putObject("labels").put(Ownership.LABEL, Ownership.VALUE);
        return o;
    }

    /** A route (HTTPRoute, GRPCRoute): name, namespace, the spec's parentRefs, hostnames, each rule's backendRefs. */
    public static List<FieldError> routeErrors(Spec route, Map<String, Object> spec) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", route.name());
        c.namespace("namespace", route.namespace());
        routeChecks(c, spec);
        return errors;
    }

    private static void routeChecks(FieldChecks c, Map<String, Object> spec) {
        JsonNode s = Json.tree(spec);
        if (!c.required("spec", spec)) {
            return;
        }
        if (list(c, s, "spec", "parentRefs", true)) {
            for (int i = 0; i < s.get("parentRefs").size(); i++) {
                text(c, s.get("parentRefs").get(i), "spec.parentRefs[" + i + "]", "name");
            }
        }
        hostnames(c, s, "spec");
        if (list(c, s, "spec", "rules", false)) {
            for (int i = 0; i < s.get("rules").size(); i++) {
                String r = "spec.rules[" + i + "]";
                JsonNode rule = s.get("rules").get(i);
                if (list(c, rule, r, "backendRefs", false)) {
                    for (int j = 0; j < rule.get("backendRefs").size(); j++) {
                        backendRef(c, rule.get("backendRefs").get(j), r + ".backendRefs[" + j + "]");
                    }
                }
            }
        }
    }

    /** A Service backend needs its port (the Gateway API's own rule); other kinds are the controller's to judge. */
    private static void backendRef(FieldChecks c, JsonNode ref, String f) {
        if (!text(c, ref, f, "name")) {
            return;
        }
        boolean service = !ref.hasNonNull("kind") || "Service".equals(ref.get("kind").asText());
        if (ref.hasNonNull("port") || service) {
            port(c, ref, f + ".port");
        }
    }

    /** {@code spec.hostnames[i]}: host names, a leading {@code *.} allowed. */
    public static void hostnames(FieldChecks c, JsonNode s, String f) {
        if (list(c, s, f, "hostnames", false)) {
            for (int i = 0; i < s.get("hostnames").size(); i++) {
                JsonNode h = s.get("hostnames").get(i);
                c.hostname(f + ".hostnames[" + i + "]", h.isTextual() ? h.asText() : null);
            }
        }
    }

    /**
     * Whether {@code node.field} is a list worth looking into: absent passes (false) unless {@code required}; not a
     * list, or an empty required one, fails.
     */
    public static boolean list(FieldChecks c, JsonNode node, String f, String field, boolean required) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return required && c.fail(f + "." + field, "must have at least one entry");
        }
        if (!v.isArray()) {
            return c.fail(f + "." + field, "must be a list");
        }
        return !v.isEmpty() || !required || c.fail(f + "." + field, "must have at least one entry");
    }

    /** {@code node.field} is a non-blank string (the entry itself must be an object). */
    public static boolean text(FieldChecks c, JsonNode node, String f, String field) {
        if (!node.isObject()) {
            return c.fail(f, "must be an object");
        }
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() || c.fail(f + "." + field, "is required (a string)");
    }

    /** {@code node.port}: a number 1–65535. */
    public static boolean port(FieldChecks c, JsonNode node, String f) {
        JsonNode v = node.path("port");
        if (!v.isMissingNode() && !v.isNull() && !v.isInt()) {
            return c.fail(f, "must be a number between 1 and 65535");
        }
        return c.port(f, v.isInt() ? v.asInt() : null);
    }
}
