package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** The label that marks objects this facade writes; objects without it are only modified with force=true. */
public final class Ownership {
    public static final String LABEL = "app.kubernetes.io/managed-by";
    public static final String VALUE = "higress-fleet";

    private Ownership() {
    }

    public static boolean isManaged(HasMetadata o) {
        if (o == null || o.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels != null && VALUE.equals(labels.get(LABEL));
    }
}
