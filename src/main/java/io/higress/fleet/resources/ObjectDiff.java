package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What differs between two copies of an object, over what a user controls: every top-level field but
 * apiVersion/kind/metadata/status, plus {@code metadata.labels} and {@code metadata.annotations} per key. Server
 * metadata (resourceVersion, uid, ...) never counts. Also the {@code drift} test for aggregated reads.
 */
public final class ObjectDiff {
    private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");

    private ObjectDiff() {
    }

    /** Changes turning Kubernetes object {@code from} into {@code to}; either may be null (an absent object). */
    public static List<FieldChange> diff(HasMetadata from, HasMetadata to) {
        return diff(content(from == null ? null : (ObjectNode) Json.tree(from)),
                content(to == null ? null : (ObjectNode) Json.tree(to)));
    }

    /** Whether two Kubernetes objects differ in anything a user controls. */
    public static boolean differ(HasMetadata a, HasMetadata b) {
        return !diff(a, b).isEmpty();
    }

    /** Changes between two content trees (JSON pointers); either may be null. */
    public static List<FieldChange> diff(JsonNode from, JsonNode to) {
        List<FieldChange> out = new ArrayList<>();
        walk("", from, to, out);
        return out;
    }

    /** The comparable part of an object, canonicalised (nulls dropped, numbers re-read) so 300 == 300L. */
    static ObjectNode content(ObjectNode o) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode tree = o == null ? out : canonical(o);
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!NOT_CONTENT.contains(k)) {
                out.set(k, tree.get(k));
            }
        }
        // Always present (possibly empty) so that label changes are listed per key, also on create and delete.
        ObjectNode meta = out.putObject("metadata");
        for (String k : List.of("labels", "annotations")) {
            JsonNode v = tree.path("metadata").get(k);
            meta.set(k, v != null && v.isObject() ? v : Json.MAPPER.createObjectNode());
        }
        return out;
    }

    /** Nulls dropped and numbers re-read, so that 300 == 300L and an absent field equals a null one. */
    static JsonNode canonical(JsonNode n) {
        try {
            JsonNode copy = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(n));
            dropNulls(copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropNulls(JsonNode n) {
        if (n.isObject()) {
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                if (it.next().isNull()) {
                    it.remove();
                }
            }
        }
        n.forEach(ObjectDiff::dropNulls);
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (a == null && b == null || a != null && a.equals(b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path + "/" + k.replace("~", "~0").replace("/", "~1"), a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else {
            out.add(new FieldChange(path, a, b));
        }
    }
}
