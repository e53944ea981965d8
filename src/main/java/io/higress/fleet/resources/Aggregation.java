package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.resources.FleetReader.ClusterCopies;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Aggregated reads (contract §5): each object once, as the facade model of its first cluster's copy (clusters in
 * name order), with {@code clusters} holding it, {@code managed} (it carries the fleet's mark in every one of them),
 * and {@code drift} when the copies differ; then {@code copies} shows each cluster's version (also when they differ
 * only in fields each cluster holds its own way, {@link Kind#perCluster}, which the item then leaves out). Copies in the same kind
 * of store are compared on everything a user controls there ({@link StoredType#content}); a Kubernetes copy and a
 * console copy, which have no common form but the facade model, on that model (or the part of it both show,
 * {@link Kind#acrossStores}; some kinds always compare so, {@link Kind#comparesModels}); so are entries in shared objects ({@link Copy#entry()}), whose parts hold other
 * objects too.
 */
public final class Aggregation {

    /** Fields a read adds to the object's own (and the one-object read's {@code errors}); a PUT ignores them. */
    static final List<String> READ_ONLY_FIELDS = List.of("clusters", "managed", "drift", "copies", "errors");

    /** {@code errors}: one problem per cluster that could not be read (the answer is partial). */
    @RegisterForReflection
    public record Answer(List<JsonNode> items, List<Problem> errors) {
        public boolean partial() {
            return !errors.isEmpty();
        }
    }

    private Aggregation() {
    }

    /** {@code kind}: how its copies compare ({@link Kind#acrossStores}, {@link Kind#perCluster}). */
    public static <S extends Spec> Answer of(List<ClusterCopies> reads, Function<Spec, JsonNode> view, Kind<S> kind) {
        Map<String, Map<String, Copy<?>>> byObject = new LinkedHashMap<>();
        List<Problem> errors = new ArrayList<>();
        for (ClusterCopies r : reads) {
            if (r.error() != null) {
                errors.add(r.error());
            }
            for (Copy<?> o : r.copies()) {
                byObject.computeIfAbsent(o.namespace() + "/" + o.name(), k -> new LinkedHashMap<>())
                        .put(r.cluster().name(), o);
            }
        }
        List<JsonNode> items = new ArrayList<>();
        byObject.values().forEach(copies -> items.add(item(copies, view, kind)));
        return new Answer(items, errors);
    }

    private static <S extends Spec> JsonNode item(Map<String, Copy<?>> copies, Function<Spec, JsonNode> view,
            Kind<S> kind) {
        Copy<?> first = copies.values().iterator().next();
        boolean drift = copies.values().stream().anyMatch(o -> differ(first, o, kind));
        ObjectNode item = ((ObjectNode) view.apply(first.spec())).deepCopy();
        Map<String, JsonNode> views = new LinkedHashMap<>();
        copies.forEach((cluster, o) -> views.put(cluster, view.apply(o.spec())));
        boolean perCluster = false;
        for (String field : kind.perCluster()) {
            if (views.values().stream().map(v -> v.path(field)).distinct().count() > 1) {
                item.remove(field);
                perCluster = true;
            }
        }
        ArrayNode clusters = item.putArray("clusters");
        copies.keySet().forEach(clusters::add);
        item.put("managed", copies.values().stream().allMatch(Copy::managed));
        item.put("drift", drift);
        if (drift || perCluster) {
            ObjectNode byCluster = item.putObject("copies");
            views.forEach(byCluster::set);
        }
        return item;
    }

    static <S extends Spec> boolean differ(Copy<?> a, Copy<?> b, Kind<S> kind) {
        if (!kind.comparesModels() && sameStore(a, b) && !a.entry() && !b.entry()) {
            return !contents(a).equals(contents(b));
        }
        return !ObjectDiff.canonical(kind.acrossStores(kind.specClass().cast(a.spec())))
                .equals(ObjectDiff.canonical(kind.acrossStores(kind.specClass().cast(b.spec()))));
    }

    /** Held alike: by objects of the same type (a route in an Ingress and one in an HTTPRoute compare as models). */
    private static boolean sameStore(Copy<?> a, Copy<?> b) {
        return !a.parts().isEmpty() && !b.parts().isEmpty()
                && a.parts().get(0).address().type().equals(b.parts().get(0).address().type());
    }

    private static List<JsonNode> contents(Copy<?> c) {
        return c.parts().stream().map(p -> (JsonNode) p.address().type().content(p.body())).toList();
    }
}
