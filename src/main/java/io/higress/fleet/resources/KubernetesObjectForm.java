package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Kubernetes form of a kind held by one object of one type: translate it there and back; managed means the
 * object carries {@code app.kubernetes.io/managed-by: higress-fleet}.
 */
public final class KubernetesObjectForm<S extends Spec> implements KubernetesForm<S> {

    private final KubernetesType type;
    private final BiFunction<S, String, ObjectNode> toObject;
    private final Function<ObjectNode, S> fromObject;

    /**
     * @param toObject the object holding a spec in a namespace (the spec's own, else the request's)
     * @param fromObject the spec an object holds, as a read answers it
     */
    public KubernetesObjectForm(KubernetesType type, BiFunction<S, String, ObjectNode> toObject,
            Function<ObjectNode, S> fromObject) {
        this.type = type;
        this.toObject = toObject;
        this.fromObject = fromObject;
    }

    /** Raw objects of a type, applied as they are (manifests): only the fleet's label is added. */
    public static KubernetesObjectForm<Manifest> raw(KubernetesType type) {
        return new KubernetesObjectForm<>(type, (m, ns) -> Ownership.labelled(m.body()), Manifest::new);
    }

    @Override
    public List<KubernetesType> types() {
        return List.of(type);
    }

    @Override
    public Uni<Copy<S>> read(StoreReads reads, String namespace, String name, S desired) {
        return reads.get(type.address(namespace, name))
                .map(o -> o == null ? Copy.<S>absent(namespace, name, List.of()) : copy(o));
    }

    @Override
    public Uni<List<Copy<S>>> list(StoreReads reads, String namespace) {
        return reads.list(type, namespace).map(all -> all.stream().map(this::copy).toList());
    }

    @Override
    public List<Part> parts(S spec, String namespace, Copy<S> current) {
        String ns = spec.namespace() != null ? spec.namespace() : namespace;
        ObjectAddress address = type.address(ns, spec.name());
        if (current.parts().stream().anyMatch(p -> !p.address().equals(address))) {
            throw new IllegalArgumentException("desired and current are different objects");
        }
        return List.of(new Part(address, toObject.apply(spec, ns), null));
    }

    private Copy<S> copy(StoredObject o) {
        return new Copy<>(o.address().namespace(), o.address().name(), fromObject.apply(o.body()), List.of(o),
                List.of(), Ownership.isManaged(o.body()), o.version());
    }
}
