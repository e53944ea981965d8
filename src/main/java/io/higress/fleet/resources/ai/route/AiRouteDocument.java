package io.higress.fleet.resources.ai.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import java.util.List;

/**
 * An AI route as the console holds it: the AiRoute JSON of its ConfigMap's {@code data} (Gson, in AiRoute's field
 * order, nulls left out) and of its {@code /v1/ai/routes} answers. AiRouteServiceImpl fills in defaults before it
 * saves (the path {@code PRE /}, a single upstream's weight 100, strategy {@code RAND}, {@code proxyNextUpstream})
 * and, for {@code RAND}, sets every fallback upstream's weight to 1 in the object it then stores; a read fills in
 * the defaults again. Fields the facade does not model ({@code cors}, {@code headerControl}, {@code customConfigs},
 * ...) are kept from the stored document.
 */
final class AiRouteDocument {
    static final List<String> ORDER = List.of("name", "domains", "pathPredicate", "headerPredicates",
            "urlParamPredicates", "upstreams", "modelPredicates", "authConfig", "fallbackConfig", "cors",
            "headerControl", "proxyNextUpstream", "customConfigs", "customLabels");
    static final List<String> MODELLED = ORDER.subList(0, 9);
    static final String RANDOM = "RAND";
    static final String SEQUENCE = "SEQ";

    private AiRouteDocument() {
    }

    /** What the console stores for the spec over a stored document (or null). */
    static ObjectNode stored(AiRouteSpec spec, JsonNode current) {
        ObjectNode given = (ObjectNode) Json.tree(spec);
        given.remove("namespace");
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String f : ORDER) {
            JsonNode v = MODELLED.contains(f) ? given.get(f) : current == null ? null : current.get(f);
            if (v != null && !v.isNull()) {
                out.set(f, v.deepCopy());
            }
        }
        fillDefaults(out);
        JsonNode fallback = out.path("fallbackConfig");
        if (fallback.path("enabled").asBoolean(false) && RANDOM.equals(fallback.path("fallbackStrategy").asText())) {
            fallback.path("upstreams").forEach(u -> ((ObjectNode) u).put("weight", 1));
        }
        return out;
    }

    /** The document as the console answers it (defaults filled in again). */
    static ObjectNode answered(JsonNode stored) {
        ObjectNode out = stored.deepCopy();
        out.remove("version");
        fillDefaults(out);
        return out;
    }

    /** The facade's spec of a document the console answers; null when it is not one. */
    static AiRouteSpec spec(JsonNode answered, String namespace) {
        if (answered == null || !answered.path("name").isTextual()) {
            return null;
        }
        ObjectNode modelled = Json.MAPPER.createObjectNode();
        MODELLED.forEach(f -> {
            if (answered.hasNonNull(f)) {
                modelled.set(f, answered.get(f));
            }
        });
        try {
            AiRouteSpec s = Json.MAPPER.convertValue(modelled, AiRouteSpec.class);
            return new AiRouteSpec(s.name(), s.domains(), s.pathPredicate(), s.headerPredicates(),
                    s.urlParamPredicates(), s.upstreams(), s.modelPredicates(), s.authConfig(), s.fallbackConfig(),
                    namespace);
        } catch (IllegalArgumentException e) { // a document written by hand the console could not read either
            return null;
        }
    }

    /** AiRouteServiceImpl.fillDefaultValues. */
    static void fillDefaults(ObjectNode route) {
        if (!(route.get("pathPredicate") instanceof ObjectNode)) {
            route.set("pathPredicate", Json.MAPPER.createObjectNode().put("matchType", "PRE").put("matchValue", "/")
                    .put("caseSensitive", true));
        }
        singleWeight(route.get("upstreams"));
        if (route.get("fallbackConfig") instanceof ObjectNode f && f.path("enabled").asBoolean(false)) {
            singleWeight(f.get("upstreams"));
            if (f.path("fallbackStrategy").asText("").isEmpty()) {
                f.put("fallbackStrategy", RANDOM);
            }
        }
        if (!(route.get("proxyNextUpstream") instanceof ObjectNode)) {
            ObjectNode p = Json.MAPPER.createObjectNode().put("enabled", true).put("attempts", 3).put("timeout", 120);
            p.putArray("conditions").add("error").add("timeout").add("non_idempotent");
            route.set("proxyNextUpstream", p);
        }
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        ORDER.forEach(f -> {
            if (route.has(f)) {
                ordered.set(f, route.get(f));
            }
        });
        route.fieldNames().forEachRemaining(f -> {
            if (!ordered.has(f)) {
                ordered.set(f, route.get(f));
            }
        });
        route.removeAll();
        route.setAll(ordered);
    }

    private static void singleWeight(JsonNode upstreams) {
        if (upstreams instanceof ArrayNode a && a.size() == 1 && a.get(0) instanceof ObjectNode u) {
            u.put("weight", 100);
        }
    }
}
