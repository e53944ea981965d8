package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One facade resource type (route, plugin, mcp-bridge) and the Kubernetes kind behind it: how to validate a body,
 * translate it into the object and read an object back. Built per request by {@link ResourceModels} for the
 * request's namespace.
 */
public record ResourceModel<T>(
        String kind,
        Class<T> type,
        String namespace,
        Consumer<T> validator,
        Function<T, GenericKubernetesResource> toObject,
        Function<GenericKubernetesResource, T> fromObject) {

    public ObjectRef ref(String name) {
        return new ObjectRef(kind, namespace, name);
    }
}
