package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One object a rollout writes, as journaled: {@code kind} is the plural of a registered kind (its {@code body} the
 * kind's facade model, namespace filled in) or {@link #MANIFEST} (its body a raw Kubernetes object).
 */
@RegisterForReflection
public record RolloutObject(String kind, ObjectNode body) {
    public static final String MANIFEST = "manifest";

    public String name() {
        return MANIFEST.equals(kind) ? body.path("metadata").path("name").asText() : body.path("name").asText();
    }

    public String namespace() {
        return MANIFEST.equals(kind) ? body.path("metadata").path("namespace").asText()
                : body.path("namespace").asText();
    }
}
