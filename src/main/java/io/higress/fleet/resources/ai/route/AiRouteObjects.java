package io.higress.fleet.resources.ai.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectShape;
import io.higress.fleet.resources.ai.ProviderService;
import io.higress.fleet.resources.shared.ConsoleMetadata;
import io.higress.fleet.resources.shared.ConsolePlugins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The objects AiRouteServiceImpl writes for an AI route {@code <name>} besides plugin instances: the ConfigMap
 * {@code ai-route-<name>} ({@code higress.io/config-map-type: ai-route}, the route's JSON in {@code data.data}); the
 * Ingress {@code ai-route-<name>.internal} as KubernetesModelConverter.route2Ingress writes a route (domain labels,
 * predicate annotations, {@code higress.io/destination}, the proxy-next-upstream annotations, backend McpBridge
 * {@code default}); with a fallback, the Ingress {@code ai-route-<name>.fallback.internal} (matching the header
 * {@code x-higress-fallback-from: ai-route-<name>.internal}) and the EnvoyFilter {@code ai-route-<name>.internal}
 * of its template envoyfilter-route-fallback.yaml.
 */
final class AiRouteObjects {
    static final String TYPE_LABEL = "higress.io/config-map-type";
    static final KubernetesType CONFIG_MAP = new KubernetesType("v1", "ConfigMap", "configmaps",
            new ObjectShape(List.of("data"), Map.of(TYPE_LABEL, "ai-route"), Map.of(), List.of()));
    static final KubernetesType INGRESS = new KubernetesType("networking.k8s.io/v1", "Ingress", "ingresses");
    static final KubernetesType ENVOY_FILTER = new KubernetesType("networking.istio.io/v1alpha3", "EnvoyFilter",
            "envoyfilters");
    static final String PREFIX = "ai-route-";
    static final String MODEL_HEADER = "x-higress-llm-model";
    static final String FALLBACK_HEADER = "x-higress-fallback-from";
    private static final String A = "higress.io/";

    private AiRouteObjects() {
    }

    static String configMapName(String route) {
        return PREFIX + route;
    }

    static String ingressName(String route) {
        return PREFIX + route + ConsolePlugins.INTERNAL_SUFFIX;
    }

    static String fallbackName(String route) {
        return PREFIX + route + ".fallback" + ConsolePlugins.INTERNAL_SUFFIX;
    }

    static ObjectNode configMap(String namespace, ObjectNode document) {
        ObjectNode o = object("v1", "ConfigMap", configMapName(document.path("name").asText()), namespace);
        child((ObjectNode) o.get("metadata"), "labels").put(TYPE_LABEL, "ai-route");
        o.putObject("data").put("data", document.toString());
        return o;
    }

    /** The route's document in a ConfigMap, or null. */
    static ObjectNode document(JsonNode configMap) {
        try {
            return Json.MAPPER.readTree(configMap.path("data").path("data").asText("")) instanceof ObjectNode d
                    ? d : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** An Ingress of the route: {@code headers} are the document's predicates and any the route adds. */
    static ObjectNode ingress(String name, String namespace, JsonNode doc, List<JsonNode> headers,
            List<Map.Entry<ProviderService, Integer>> upstreams) {
        ObjectNode o = object("networking.k8s.io/v1", "Ingress", name, namespace);
        ObjectNode meta = (ObjectNode) o.get("metadata");
        ObjectNode labels = child(meta, "labels");
        ObjectNode annotations = child(meta, "annotations");
        List<String> domains = new ArrayList<>();
        doc.path("domains").forEach(d -> domains.add(d.asText()));
        ConsoleMetadata.domainLabels(labels, domains);
        doc.path("urlParamPredicates").forEach(p -> match(annotations, "%s-match-query-%s", p));
        headers.forEach(p -> {
            boolean pseudo = p.path("key").asText().startsWith(":");
            match(annotations, pseudo ? "%s-match-pseudo-header-%s" : "%s-match-header-%s", p);
        });
        JsonNode next = doc.path("proxyNextUpstream");
        if (next.isObject()) {
            boolean on = next.path("enabled").asBoolean(true);
            String off = on ? "" : "disabled.";
            annotations.put(A + "enable-proxy-next-upstream", Boolean.toString(on));
            if (next.hasNonNull("attempts")) {
                annotations.put(off + A + "proxy-next-upstream-tries", next.get("attempts").asText());
            }
            if (next.hasNonNull("timeout")) {
                annotations.put(off + A + "proxy-next-upstream-timeout", next.get("timeout").asText());
            }
            if (next.path("conditions").size() > 0) {
                List<String> c = new ArrayList<>();
                next.get("conditions").forEach(x -> c.add(x.asText()));
                annotations.put(off + A + "proxy-next-upstream", String.join(",", c));
            }
        }
        JsonNode path = doc.path("pathPredicate");
        if (path.hasNonNull("caseSensitive")) {
            annotations.put(A + "ignore-path-case", Boolean.toString(!path.get("caseSensitive").asBoolean()));
        }
        annotations.put(A + "destination", destination(upstreams));
        ObjectNode spec = o.putObject("spec");
        spec.put("ingressClassName", "higress");
        ArrayNode rules = spec.putArray("rules");
        for (String host : domains.isEmpty() ? java.util.Collections.<String>singletonList(null) : domains) {
            ObjectNode rule = rules.addObject();
            if (host != null) {
                rule.put("host", host);
            }
            ObjectNode p = rule.putObject("http").putArray("paths").addObject();
            p.put("path", path.path("matchValue").asText("/")).put("pathType", "Prefix");
            p.putObject("backend").putObject("resource").put("apiGroup", "networking.higress.io")
                    .put("kind", "McpBridge").put("name", "default");
        }
        return o;
    }

    /** The annotations {@link #ingress} writes from the document (predicates, retries, path case). */
    private static final Pattern DOCUMENT_ANNOTATIONS = Pattern.compile("(disabled\\.)?higress\\.io/((exact|prefix"
            + "|regex)-match-(pseudo-header|header|query)-.+|enable-proxy-next-upstream|proxy-next-upstream(-tries"
            + "|-timeout)?|ignore-path-case)");

    /**
     * Marks for removal (a null, which the applier drops from what the cluster holds) each annotation of the
     * document that the Ingress held and the new one no longer has: a predicate removed by an update must not keep
     * narrowing the route. Other tools' annotations are kept, as for every kind.
     */
    static void dropUnwritten(ObjectNode held, ObjectNode written) {
        if (written == null || !(held.path("metadata").get("annotations") instanceof ObjectNode before)) {
            return;
        }
        ObjectNode after = child((ObjectNode) written.get("metadata"), "annotations");
        before.fieldNames().forEachRemaining(k -> {
            if (DOCUMENT_ANNOTATIONS.matcher(k).matches() && !after.has(k)) {
                after.putNull(k);
            }
        });
    }

    /** The fallback EnvoyFilter: redirect to the fallback route on the response code classes. */
    static ObjectNode envoyFilter(String route, String namespace, List<String> responseCodes) {
        String name = ingressName(route);
        List<String> codes = responseCodes == null || responseCodes.isEmpty() ? List.of("4xx", "5xx")
                : responseCodes.stream().distinct().toList();
        ObjectNode o = object("networking.istio.io/v1alpha3", "EnvoyFilter", name, namespace);
        ObjectNode patch = o.putObject("spec").putArray("configPatches").addObject();
        patch.put("applyTo", "HTTP_ROUTE");
        patch.putObject("match").put("context", "GATEWAY").putObject("routeConfiguration").putObject("vhost")
                .putObject("route").put("name", name);
        ObjectNode value = patch.putObject("patch").put("operation", "MERGE").putObject("value");
        ObjectNode response = value.putObject("typed_per_filter_config").putObject("envoy.filters.http.custom_response");
        response.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct")
                .put("type_url", "type.googleapis.com/envoy.extensions.filters.http.custom_response.v3.CustomResponse");
        ObjectNode matcher = response.putObject("value").putObject("custom_response_matcher")
                .putObject("matcher_list").putArray("matchers").addObject();
        ObjectNode predicate = matcher.putObject("predicate");
        if (codes.size() == 1) {
            single(predicate, codes.get(0));
        } else {
            ArrayNode or = predicate.putObject("or_matcher").putArray("predicate");
            codes.forEach(c -> single(or.addObject(), c));
        }
        ObjectNode action = matcher.putObject("on_match").putObject("action").put("name", "action")
                .putObject("typed_config");
        action.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct").put("type_url",
                "type.googleapis.com/envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy");
        ObjectNode policy = action.putObject("value").put("max_internal_redirects", 10)
                .put("use_original_request_uri", true).put("keep_original_response_code", false)
                .put("use_original_request_body", true).put("only_redirect_upstream_code", false);
        for (String f : List.of("request_headers_to_add", "response_headers_to_add")) {
            ObjectNode h = policy.putArray(f).addObject();
            h.putObject("header").put("key", FALLBACK_HEADER).put("value", name);
            h.put("append", false);
        }
        value.putObject("with_request_body").put("max_request_bytes", 1024000);
        return o;
    }

    private static void single(ObjectNode predicate, String code) {
        ObjectNode s = predicate.putObject("single_predicate");
        s.putObject("input").put("name", code + "_response").putObject("typed_config")
                .put("@type", "type.googleapis.com/envoy.type.matcher.v3.HttpResponseStatusCodeClassMatchInput");
        s.putObject("value_match").put("exact", code);
    }

    /** fillIngressDestination: {@code svc:port} alone, else {@code <weight>% svc:port} per line. */
    private static String destination(List<Map.Entry<ProviderService, Integer>> upstreams) {
        if (upstreams.size() == 1) {
            ProviderService u = upstreams.get(0).getKey();
            return u.name() + ":" + u.port();
        }
        List<String> lines = new ArrayList<>();
        upstreams.forEach(e -> lines.add((e.getValue() == null ? 100 : e.getValue()) + "% " + e.getKey().name() + ":"
                + e.getKey().port()));
        return String.join("\n", lines);
    }

    /** setHeaderAnnotation / setQueryAnnotation: {@code higress.io/<exact|prefix|regex>-match-...-<key>}. */
    private static void match(ObjectNode annotations, String format, JsonNode p) {
        String key = p.path("key").asText("");
        String value = p.path("matchValue").asText("");
        PredicateType type = PredicateType.of(p.path("matchType").asText(null));
        if (key.isBlank() || value.isBlank() || type == null) {
            return;
        }
        if (key.startsWith(":")) {
            key = key.substring(1);
        }
        annotations.put(A + String.format(format, type.annotationPrefix(), key), value);
    }

    /** A new object with the console's metadata (renderDefaultMetadata: definer, and internal for .internal). */
    static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        return ConsoleMetadata.object(apiVersion, kind, name, namespace);
    }

    private static ObjectNode child(ObjectNode o, String field) {
        return o.get(field) instanceof ObjectNode c ? c : o.putObject(field);
    }
}
