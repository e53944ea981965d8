package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The fleet's mark on the objects it writes: the label {@code app.kubernetes.io/managed-by: higress-fleet} (in a
 * console, where it can go: a route's custom labels, a custom plugin's description). Objects without it are only
 * modified with force=true.
 */
public final class Ownership {
    public static final String LABEL = "app.kubernetes.io/managed-by";
    public static final String VALUE = "higress-fleet";

    private Ownership() {
    }

    /** A copy of a Kubernetes object's body with the label added. */
    public static ObjectNode labelled(ObjectNode body) {
        ObjectNode o = body.deepCopy();
        ObjectNode meta = o.get("metadata") instanceof ObjectNode m ? m : o.putObject("metadata");
        ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
        labels.put(LABEL, VALUE);
        return o;
    }

    /** A Kubernetes object's body carries the label. */
    public static boolean isManaged(JsonNode body) {
        return VALUE.equals(body.path("metadata").path("labels").path(LABEL).asText(null));
    }

    public static boolean isManaged(HasMetadata o) {
        if (o == null || o.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels != null && VALUE.equals(labels.get(LABEL));
    }
}
