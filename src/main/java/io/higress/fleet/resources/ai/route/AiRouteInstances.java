package io.higress.fleet.resources.ai.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.ai.InvalidProvider;
import io.higress.fleet.resources.ai.ProviderEntry;
import io.higress.fleet.resources.ai.ProviderType;
import io.higress.fleet.resources.ai.ProviderService;
import io.higress.fleet.resources.shared.BuiltInPlugin;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.KeyAuthConsumers;
import io.higress.fleet.resources.shared.PluginInstances;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.higress.fleet.resources.shared.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One write of an AI route's Ingresses, fallback EnvoyFilter and plugin instances, in the order and with the rules
 * of AiRouteServiceImpl (writeAiRouteResources, writeAiRouteFallbackResources) and RouteServiceImpl (the key-auth
 * allow list of every route it saves; a deleted route loses every route instance):
 * <ul>
 * <li>{@code model-router.internal}: the global instance, enabled, {@code modelToHeader: x-higress-llm-model}, when
 * the route has model predicates (never removed);</li>
 * <li>{@code model-mapper.internal}: per upstream, the instance at the route and the provider's service with its
 * {@code modelMapping}; an upstream without mapping removes it;</li>
 * <li>{@code ai-statistics-2.0.1}: the route's instance {@code use_default_response_attributes: true}, created only
 * when there is none;</li>
 * <li>{@code key-auth.internal}: the route's instance (disabled unless {@code authConfig.enabled}) whose
 * {@code allow} is the allowed consumers; the global instance with the console's defaults when auth is enabled and
 * there is none.</li>
 * </ul>
 * The fallback route gets the same instances for its upstreams ({@code RAND}: all, weight 1; {@code SEQ}: the first).
 */
final class AiRouteInstances {
    static final List<BuiltInPlugin> PLUGINS = List.of(BuiltInPlugin.MODEL_ROUTER, BuiltInPlugin.MODEL_MAPPER,
            BuiltInPlugin.AI_STATISTICS, BuiltInPlugin.KEY_AUTH);

    private final Workspace w;
    private final List<StoredObject> parts;
    private final List<StoredObject> related;
    private final String namespace;

    /** The console keeps the instances it makes in {@code <plugin>.internal}; ai-statistics' in the plugin's own. */
    static boolean internal(BuiltInPlugin p) {
        return p != BuiltInPlugin.AI_STATISTICS;
    }

    AiRouteInstances(Workspace w, List<StoredObject> parts, List<StoredObject> related, String namespace) {
        this.w = w;
        this.parts = parts;
        this.related = related;
        this.namespace = namespace;
    }

    /** Writes everything of the route but its ConfigMap; {@code doc} is the document the console stores. */
    void write(String route, ObjectNode doc) {
        String main = AiRouteObjects.ingressName(route);
        List<JsonNode> headers = new ArrayList<>();
        doc.path("headerPredicates").forEach(headers::add);
        JsonNode model = modelHeader(doc.path("modelPredicates"));
        if (model != null) {
            headers.add(model);
        }
        List<JsonNode> upstreams = list(doc.path("upstreams"));
        w.put(AiRouteObjects.INGRESS.address(namespace, main),
                AiRouteObjects.ingress(main, namespace, doc, headers, weighted(upstreams, "upstreams")));
        auth(main, doc.path("authConfig"));
        if (model != null) {
            ObjectNode cr = plugin(BuiltInPlugin.MODEL_ROUTER, true, true);
            PluginInstances.Instance global = PluginInstances.get(cr, Targets.GLOBAL);
            ObjectNode config = global == null ? Json.MAPPER.createObjectNode() : global.config();
            config.put("modelToHeader", AiRouteObjects.MODEL_HEADER);
            PluginInstances.set(cr, Targets.GLOBAL, true, config);
        }
        modelMapping(main, upstreams, "upstreams");
        statistics(main);

        String fallback = AiRouteObjects.fallbackName(route);
        JsonNode f = doc.path("fallbackConfig");
        ObjectAddress filter = AiRouteObjects.ENVOY_FILTER.address(namespace, main);
        if (!f.path("enabled").asBoolean(false) || f.path("upstreams").isEmpty()) {
            w.delete(filter);
            deleteRoute(fallback);
            return;
        }
        List<JsonNode> all = list(f.path("upstreams"));
        List<JsonNode> chosen = AiRouteDocument.SEQUENCE.equals(f.path("fallbackStrategy").asText()) ? all.subList(0, 1)
                : all;
        List<JsonNode> fallbackHeaders = new ArrayList<>(headers);
        fallbackHeaders.add(Json.MAPPER.createObjectNode().put("key", AiRouteObjects.FALLBACK_HEADER)
                .put("matchType", "EQUAL").put("matchValue", main).put("caseSensitive", true));
        w.put(AiRouteObjects.INGRESS.address(namespace, fallback), AiRouteObjects.ingress(fallback, namespace, doc,
                fallbackHeaders, weighted(chosen, "fallbackConfig.upstreams")));
        auth(fallback, doc.path("authConfig"));
        List<String> codes = new ArrayList<>();
        f.path("responseCodes").forEach(c -> codes.add(c.asText()));
        w.put(filter, AiRouteObjects.envoyFilter(route, namespace, codes));
        modelMapping(fallback, chosen, "fallbackConfig.upstreams");
        statistics(fallback);
    }

    /** Deletes the route's own objects but its ConfigMap, and its route instances. */
    void delete(String route) {
        deleteRoute(AiRouteObjects.ingressName(route));
        w.delete(AiRouteObjects.ENVOY_FILTER.address(namespace, AiRouteObjects.ingressName(route)));
        deleteRoute(AiRouteObjects.fallbackName(route));
    }

    /** RouteService.delete: the Ingress and every instance at the route. */
    private void deleteRoute(String ingress) {
        w.delete(AiRouteObjects.INGRESS.address(namespace, ingress));
        for (BuiltInPlugin p : PLUGINS) {
            ObjectNode cr = existing(p, internal(p));
            if (cr != null && PluginInstances.remove(cr.deepCopy(), Targets.route(ingress))) {
                PluginInstances.remove(plugin(p, internal(p), false), Targets.route(ingress));
            }
        }
    }

    /** ConsumerService.updateAllowList(REPLACE) for key-auth, the only credential type with a handler. */
    private void auth(String ingress, JsonNode authConfig) {
        KeyAuthConsumers.allow(plugin(BuiltInPlugin.KEY_AUTH, true, true), Targets.route(ingress),
                authConfig.hasNonNull("enabled") ? authConfig.get("enabled").asBoolean() : null,
                authConfig.get("allowedConsumers"));
    }

    private void modelMapping(String ingress, List<JsonNode> upstreams, String field) {
        List<Map.Entry<ProviderService, Integer>> services = weighted(upstreams, field);
        for (int i = 0; i < upstreams.size(); i++) {
            Targets t = Targets.routeAndService(ingress, services.get(i).getKey().name());
            JsonNode mapping = upstreams.get(i).path("modelMapping");
            if (!mapping.isObject() || mapping.isEmpty()) {
                ObjectNode cr = existing(BuiltInPlugin.MODEL_MAPPER, true);
                if (cr != null && PluginInstances.get(cr, t) != null) {
                    PluginInstances.remove(plugin(BuiltInPlugin.MODEL_MAPPER, true, false), t);
                }
                continue;
            }
            ObjectNode cr = plugin(BuiltInPlugin.MODEL_MAPPER, true, true);
            PluginInstances.Instance now = PluginInstances.get(cr, t);
            ObjectNode config = now == null ? Json.MAPPER.createObjectNode() : now.config();
            config.set("modelMapping", mapping.deepCopy());
            PluginInstances.set(cr, t, true, config);
        }
    }

    private void statistics(String ingress) {
        ObjectNode cr = existing(BuiltInPlugin.AI_STATISTICS, false);
        if (cr != null && PluginInstances.get(cr, Targets.route(ingress)) != null) {
            return;
        }
        PluginInstances.set(plugin(BuiltInPlugin.AI_STATISTICS, false, true), Targets.route(ingress), true,
                Json.MAPPER.createObjectNode().put("use_default_response_attributes", true));
    }

    /** The model predicates as one header predicate: the one predicate, else a regular expression of them all. */
    static JsonNode modelHeader(JsonNode predicates) {
        if (!predicates.isArray() || predicates.isEmpty()) {
            return null;
        }
        ObjectNode h = Json.MAPPER.createObjectNode().put("key", AiRouteObjects.MODEL_HEADER);
        if (predicates.size() == 1) {
            return h.put("matchType", predicates.get(0).path("matchType").asText())
                    .put("matchValue", predicates.get(0).path("matchValue").asText());
        }
        StringBuilder regex = new StringBuilder("^(");
        for (int i = 0; i < predicates.size(); i++) {
            JsonNode p = predicates.get(i);
            regex.append(i > 0 ? "|" : "").append(p.path("matchValue").asText()
                    .replaceAll("[\\[\\]{}()^$|*+?.\\\\]", "\\\\$0"));
            if ("PRE".equals(p.path("matchType").asText())) {
                regex.append(".*");
            }
        }
        return h.put("matchType", "REGULAR").put("matchValue", regex.append(")").toString());
    }

    /** Each upstream's service (llmProviderService.buildUpstreamService) and weight; a 400 for an unknown one. */
    private List<Map.Entry<ProviderService, Integer>> weighted(List<JsonNode> upstreams, String field) {
        List<Map.Entry<ProviderService, Integer>> out = new ArrayList<>();
        for (int i = 0; i < upstreams.size(); i++) {
            JsonNode u = upstreams.get(i);
            String provider = u.path("provider").asText();
            out.add(Map.entry(upstream(provider, field + "[" + i + "].provider"),
                    u.hasNonNull("weight") ? u.get("weight").asInt() : 100));
        }
        return out;
    }

    private ProviderService upstream(String provider, String field) {
        StoredObject aiProxy = related.isEmpty() ? null : related.get(0);
        PluginInstances.Instance global = aiProxy == null ? null : PluginInstances.get(aiProxy.body(), Targets.GLOBAL);
        if (global != null) {
            for (JsonNode e : global.config().path(ProviderEntry.PROVIDERS)) {
                ProviderType type = ProviderType.of(e.path("type").asText()).orElse(null);
                if (provider.equals(e.path(ProviderEntry.ID).asText(null)) && type != null && e.isObject()) {
                    try {
                        return ProviderEntry.upstream(provider, type, (ObjectNode) e);
                    } catch (InvalidProvider x) {
                        throw new ProblemException(Problem.invalid(field, "the provider " + provider
                                + " has no usable endpoint: " + x.getMessage()));
                    }
                }
            }
        }
        throw new ProblemException(Problem.invalid(field, "unknown provider: " + provider
                + " (create it with POST /api/v1/ai/providers in this cluster first)"));
    }

    /** The WasmPlugin of the plugin's instances as edited so far, or null when there is none. */
    private ObjectNode existing(BuiltInPlugin p, boolean internal) {
        StoredObject found = ConsolePlugins.find(parts.stream()
                .filter(o -> o.address().type().equals(ConsolePlugins.WASM_PLUGIN)).toList(), p, internal);
        ObjectAddress a = found != null ? found.address() : ConsolePlugins.address(p, internal, namespace);
        return w.get(a);
    }

    /** The WasmPlugin to edit (marked as the fleet's); created as the console creates it when {@code create}. */
    private ObjectNode plugin(BuiltInPlugin p, boolean internal, boolean create) {
        StoredObject found = ConsolePlugins.find(parts.stream()
                .filter(o -> o.address().type().equals(ConsolePlugins.WASM_PLUGIN)).toList(), p, internal);
        ObjectAddress a = found != null ? found.address() : ConsolePlugins.address(p, internal, namespace);
        ObjectNode cr = w.edit(a);
        return cr != null || !create ? cr : w.put(a, ConsolePlugins.create(p, internal, namespace));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array instanceof ArrayNode a) {
            a.forEach(out::add);
        }
        return out;
    }
}
