package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.resources.FleetReader.ClusterCopies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Aggregated reads (contract §5): each object once, as the facade model of its first cluster's copy (clusters in
 * name order), with {@code clusters} holding it, {@code managed} (carries the facade's label there), and
 * {@code drift} when the copies differ ({@link ObjectDiff}); then {@code copies} shows each cluster's version.
 */
public final class Aggregation {

    /** Fields a read adds to the object's own (and ResourceEndpoints.get's {@code errors}); a PUT ignores them. */
    static final java.util.List<String> READ_ONLY_FIELDS = java.util.List.of("clusters", "managed", "drift", "copies",
            "errors");

    /** {@code errors}: one problem per cluster that could not be read (the answer is partial). */
    public record Answer(List<JsonNode> items, List<Problem> errors) {
        public boolean partial() {
            return !errors.isEmpty();
        }
    }

    private Aggregation() {
    }

    public static Answer of(List<ClusterCopies> reads, Function<GenericKubernetesResource, JsonNode> view) {
        Map<String, Map<String, GenericKubernetesResource>> byObject = new LinkedHashMap<>();
        List<Problem> errors = new ArrayList<>();
        for (ClusterCopies r : reads) {
            if (r.error() != null) {
                errors.add(r.error());
            }
            for (GenericKubernetesResource o : r.objects()) {
                byObject.computeIfAbsent(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                        k -> new LinkedHashMap<>()).put(r.cluster().name(), o);
            }
        }
        List<JsonNode> items = new ArrayList<>();
        byObject.values().forEach(copies -> items.add(item(copies, view)));
        return new Answer(items, errors);
    }

    private static JsonNode item(Map<String, GenericKubernetesResource> copies,
            Function<GenericKubernetesResource, JsonNode> view) {
        GenericKubernetesResource first = copies.values().iterator().next();
        boolean drift = copies.values().stream().anyMatch(o -> ObjectDiff.differ(first, o));
        ObjectNode item = ((ObjectNode) view.apply(first)).deepCopy();
        ArrayNode clusters = item.putArray("clusters");
        copies.keySet().forEach(clusters::add);
        item.put("managed", copies.values().stream().allMatch(Ownership::isManaged));
        item.put("drift", drift);
        if (drift) {
            ObjectNode byCluster = item.putObject("copies");
            copies.forEach((cluster, o) -> byCluster.set(cluster, view.apply(o)));
        }
        return item;
    }
}
