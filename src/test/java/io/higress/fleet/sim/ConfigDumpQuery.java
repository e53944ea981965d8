package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Applies {@code /config_dump}'s query parameters to a generated dump the way Envoy does: {@code include_eds},
 * {@code name_regex} (searched in each resource's name; Java regex standing in for RE2), {@code resource} (the
 * elements of one repeated field, each wrapped with its {@code @type}) and {@code mask}.
 *
 * <p>{@code mask} is approximated: comma-separated snake_case paths, applied to each section (or each element with
 * {@code resource}); a path crossing a list applies to every element; 400 when it matches nothing at all. Envoy
 * validates the mask against the protobuf schema instead. The cached dump is never mutated.
 */
final class ConfigDumpQuery {

    /** The repeated fields of each section and the admin message type of their elements. */
    private static final Map<String, Map<String, String>> REPEATED = Map.of(
            "ClustersConfigDump", Map.of("static_clusters", "ClustersConfigDump.StaticCluster",
                    "dynamic_active_clusters", "ClustersConfigDump.DynamicCluster",
                    "dynamic_warming_clusters", "ClustersConfigDump.DynamicCluster"),
            "EcdsConfigDump", Map.of("ecds_filters", "EcdsConfigDump.EcdsFilterConfig"),
            "EndpointsConfigDump", Map.of("static_endpoint_configs", "EndpointsConfigDump.StaticEndpointConfig",
                    "dynamic_endpoint_configs", "EndpointsConfigDump.DynamicEndpointConfig"),
            "ListenersConfigDump", Map.of("static_listeners", "ListenersConfigDump.StaticListener",
                    "dynamic_listeners", "ListenersConfigDump.DynamicListener"),
            "ScopedRoutesConfigDump", Map.of(
                    "inline_scoped_route_configs", "ScopedRoutesConfigDump.InlineScopedRouteConfigs",
                    "dynamic_scoped_route_configs", "ScopedRoutesConfigDump.DynamicScopedRouteConfigs"),
            "RoutesConfigDump", Map.of("static_route_configs", "RoutesConfigDump.StaticRouteConfig",
                    "dynamic_route_configs", "RoutesConfigDump.DynamicRouteConfig"),
            "SecretsConfigDump", Map.of("static_secrets", "SecretsConfigDump.StaticSecret",
                    "dynamic_active_secrets", "SecretsConfigDump.DynamicSecret",
                    "dynamic_warming_secrets", "SecretsConfigDump.DynamicSecret"));

    /** Singular fields, which {@code resource=} refuses with 400. */
    private static final List<String> SINGULAR = List.of("bootstrap", "version_info", "last_updated");

    private ConfigDumpQuery() {
    }

    static AdminResponse answer(ObjectNode dump, Map<String, String> params) {
        List<ObjectNode> sections = new ArrayList<>();
        for (JsonNode section : dump.get("configs")) {
            if (params.containsKey("include_eds") || !sectionType(section).equals("EndpointsConfigDump")) {
                sections.add((ObjectNode) section);
            }
        }
        if (params.containsKey("name_regex")) {
            Pattern regex;
            try {
                regex = Pattern.compile(params.get("name_regex"));
            } catch (PatternSyntaxException e) {
                return AdminResponse.text(400, "Error while parsing name_regex: " + e.getDescription() + "\n");
            }
            sections = sections.stream().map(s -> filterNames(s, regex)).toList();
        }
        List<ObjectNode> items = sections;
        String resource = params.get("resource");
        if (resource != null && !resource.isEmpty()) {
            if (SINGULAR.contains(resource)) {
                return AdminResponse.text(400, resource + " is not a repeated field. Use ?mask=" + resource
                        + " to get only this field\n");
            }
            if (REPEATED.values().stream().noneMatch(fields -> fields.containsKey(resource))) {
                return AdminResponse.text(404, resource + " not found in config dump\n");
            }
            items = elementsOf(sections, resource);
        }
        String mask = params.get("mask");
        if (mask != null && !mask.isEmpty()) {
            List<String[]> paths = Arrays.stream(mask.split(",")).map(p -> p.trim().split("\\.")).toList();
            List<ObjectNode> masked = items.stream().map(item -> mask(item, paths)).toList();
            if (masked.stream().allMatch(m -> m.size() <= 1)) {
                return AdminResponse.text(400, "FieldMask " + mask + " could not be successfully used.\n");
            }
            items = masked;
        }
        return AdminResponse.json(Json.bytes(obj("configs", Json.arrOf(items))));
    }

    private static String sectionType(JsonNode section) {
        return section.path("@type").asText().substring(ConfigDumpGenerator.ADMIN.length());
    }

    private static ObjectNode filterNames(ObjectNode section, Pattern regex) {
        Map<String, String> fields = REPEATED.getOrDefault(sectionType(section), Map.of());
        ObjectNode copy = obj();
        section.fields().forEachRemaining(field -> {
            if (fields.containsKey(field.getKey())) {
                ArrayNode kept = Json.arr();
                field.getValue().forEach(e -> {
                    if (regex.matcher(resourceName(e)).find()) {
                        kept.add(e);
                    }
                });
                copy.set(field.getKey(), kept);
            } else {
                copy.set(field.getKey(), field.getValue());
            }
        });
        return copy;
    }

    /** The name of a dump element: its own {@code name}, or that of the resource it wraps. */
    static String resourceName(JsonNode element) {
        if (element.hasNonNull("name")) {
            return element.get("name").asText();
        }
        for (JsonNode child : element) {
            if (child.isObject()) {
                JsonNode name = child.hasNonNull("name") ? child.get("name") : child.get("cluster_name");
                if (name != null) {
                    return name.asText();
                }
            }
        }
        return "";
    }

    private static List<ObjectNode> elementsOf(List<ObjectNode> sections, String field) {
        List<ObjectNode> elements = new ArrayList<>();
        for (ObjectNode section : sections) {
            String elementType = REPEATED.getOrDefault(sectionType(section), Map.of()).get(field);
            if (elementType != null && section.has(field)) {
                for (JsonNode e : section.get(field)) {
                    ObjectNode typed = obj("@type", ConfigDumpGenerator.ADMIN + elementType);
                    typed.setAll((ObjectNode) e);
                    elements.add(typed);
                }
            }
        }
        return elements;
    }

    private static ObjectNode mask(ObjectNode item, List<String[]> paths) {
        ObjectNode result = obj("@type", item.get("@type"));
        for (String[] path : paths) {
            JsonNode picked = pick(item, path, 0);
            if (picked != null) {
                merge(result, path[0], picked);
            }
        }
        return result;
    }

    /** The sub-tree of {@code node} holding only {@code path[i..]}, or null; wrapped in the path's first key. */
    private static JsonNode pick(JsonNode node, String[] path, int i) {
        JsonNode child = node.get(path[i]);
        if (child == null || i == path.length - 1) {
            return child;
        }
        if (child.isArray()) {
            ArrayNode picked = Json.arr();
            for (JsonNode e : child) {
                JsonNode p = pick(e, path, i + 1);
                picked.add(p == null ? obj() : obj(path[i + 1], p));
            }
            return picked;
        }
        JsonNode p = pick(child, path, i + 1);
        return p == null ? null : obj(path[i + 1], p);
    }

    private static void merge(ObjectNode target, String key, JsonNode value) {
        JsonNode existing = target.get(key);
        if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
            valueObject.fields().forEachRemaining(f -> merge(existingObject, f.getKey(), f.getValue()));
        } else if (existing instanceof ArrayNode existingArray && value instanceof ArrayNode valueArray
                && existingArray.size() == valueArray.size()) {
            for (int i = 0; i < valueArray.size(); i++) {
                ObjectNode holder = obj("e", existingArray.get(i));
                merge(holder, "e", valueArray.get(i));
                existingArray.set(i, holder.get("e"));
            }
        } else {
            target.set(key, value);
        }
    }
}
