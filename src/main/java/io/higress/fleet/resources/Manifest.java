package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A raw Kubernetes object of a manifest or an export, applied as it is. */
@RegisterForReflection
public record Manifest(ObjectNode body) implements Spec {

    @Override
    public String name() {
        return body.path("metadata").path("name").asText(null);
    }

    @Override
    public String namespace() {
        return body.path("metadata").path("namespace").asText(null);
    }

    public String kind() {
        return body.path("kind").asText(null);
    }

    public String apiVersion() {
        return body.path("apiVersion").asText(null);
    }

    /**
     * How the object is written: as its registered type; once a write-only value a placeholder kept is back, the
     * kinds' checks run again (their force checks passed before any cluster was read).
     */
    public KubernetesObjectForm<Manifest> form() {
        KubernetesType type = Kinds.kubernetesType(body).orElseThrow();
        return KubernetesObjectForm.raw(type, o -> Kinds.checkObject(type, o, true));
    }
}
