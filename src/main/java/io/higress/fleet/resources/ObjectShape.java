package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Which objects of a Kubernetes type belong to a kind, and what of them a user controls. Custom resources hold
 * their content in {@code spec} and all belong ({@link #SPEC}); the kinds kept in core types do not:
 * <ul>
 * <li>{@code fields}: the top-level fields holding the content ({@code spec}; a Secret's {@code type} and
 * {@code data}), the only ones a manifest may carry besides apiVersion/kind/metadata;</li>
 * <li>{@code labels}: labels every object of the kind carries, and lists select on (a domain's ConfigMap:
 * {@code higress.io/config-map-type: domain});</li>
 * <li>{@code values}: top-level text fields every object of the kind has ({@code type: kubernetes.io/tls});</li>
 * <li>{@code writeOnly}: JSON pointers into the object whose values nobody reads back, admins included (a TLS
 * private key): differences and drift compare their digests, exports show the placeholder, and a placeholder sent
 * back keeps the value the cluster holds.</li>
 * <li>{@code names}: when not empty, the only names the kind's objects have (Higress's one global ConfigMap
 * {@code higress-config}, which carries no label of its own).</li>
 * </ul>
 */
@RegisterForReflection
public record ObjectShape(List<String> fields, Map<String, String> labels, Map<String, String> values,
        List<String> writeOnly, List<String> names) {

    public static final ObjectShape SPEC = new ObjectShape(List.of("spec"), Map.of(), Map.of(), List.of());

    public ObjectShape {
        fields = List.copyOf(fields);
        labels = Map.copyOf(labels);
        values = Map.copyOf(values);
        writeOnly = List.copyOf(writeOnly);
        names = names == null ? List.of() : List.copyOf(names); // journals written before the field
    }

    public ObjectShape(List<String> fields, Map<String, String> labels, Map<String, String> values,
            List<String> writeOnly) {
        this(fields, labels, values, writeOnly, List.of());
    }

    /** The object is one of the kind's: it carries the labels and the values (and has one of the names). */
    public boolean holds(JsonNode body) {
        JsonNode have = body.path("metadata").path("labels");
        return (names.isEmpty() || names.contains(body.path("metadata").path("name").asText("")))
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(have.path(l.getKey()).asText(null)))
                && values.entrySet().stream().allMatch(v -> v.getValue().equals(body.path(v.getKey()).asText(null)));
    }

    /** The text at a write-only pointer, or null. */
    static String at(JsonNode body, String pointer) {
        JsonNode v = body.at(pointer);
        return v.isTextual() ? v.asText() : null;
    }

    /** Sets the text at a pointer whose parent object exists. */
    static void put(ObjectNode body, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = body.at(pointer.substring(0, slash));
        if (parent instanceof ObjectNode o) {
            o.put(pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~"), value);
        }
    }

    /** A pointer as a request's field path: {@code /data/tls.key} → {@code data.tls.key}. */
    static String field(String pointer) {
        return pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
    }
}
