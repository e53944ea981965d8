package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.Validation;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Kubernetes form of a kind held by one object of one type: translate it there and back; managed means the
 * object carries {@code app.kubernetes.io/managed-by: higress-fleet}. An object of the type that is not the kind's
 * ({@link KubernetesType#holds}: a Secret of another type) reads as absent. The object's name may differ from the
 * facade's ({@code objectName}: a domain {@code example.com} is the ConfigMap {@code domain-example.com}).
 */
public final class KubernetesObjectForm<S extends Spec> implements KubernetesForm<S> {

    /** The object holding a spec in a namespace, built over the body the cluster holds now (null: none). */
    public interface ToObject<S> {
        ObjectNode apply(S spec, String namespace, ObjectNode current);
    }

    private final KubernetesType type;
    private final UnaryOperator<String> objectName;
    private final ToObject<S> toObject;
    private final Function<ObjectNode, S> fromObject;

    /**
     * @param toObject the object holding a spec in a namespace (the spec's own, else the request's)
     * @param fromObject the spec an object holds, as a read answers it
     */
    public KubernetesObjectForm(KubernetesType type, BiFunction<S, String, ObjectNode> toObject,
            Function<ObjectNode, S> fromObject) {
        this(type, UnaryOperator.identity(), (s, ns, current) -> toObject.apply(s, ns), fromObject);
    }

    /** With the object named by {@code objectName} and built over the current one (to keep what is not modelled). */
    public KubernetesObjectForm(KubernetesType type, UnaryOperator<String> objectName, ToObject<S> toObject,
            Function<ObjectNode, S> fromObject) {
        this.type = type;
        this.objectName = objectName;
        this.toObject = toObject;
        this.fromObject = fromObject;
    }

    /** Raw objects of a type, applied as they are (manifests): only the fleet's label is added. */
    public static KubernetesObjectForm<Manifest> raw(KubernetesType type) {
        return raw(type, o -> List.of());
    }

    /**
     * Raw objects of a type whose write-only values an export left out: a placeholder keeps the value the cluster
     * holds (400 where it holds none), and the result passes {@code check} (the kind's checks of a raw object).
     */
    public static KubernetesObjectForm<Manifest> raw(KubernetesType type, Function<ObjectNode, List<FieldError>> check) {
        return new KubernetesObjectForm<>(type, UnaryOperator.identity(), (m, ns, current) -> {
            ObjectNode body = Ownership.labelled(m.body());
            for (String pointer : type.shape().writeOnly()) {
                if (SecretKeyMatcher.REDACTED.equals(ObjectShape.at(body, pointer))) {
                    String kept = current == null ? null : ObjectShape.at(current, pointer);
                    if (kept == null) {
                        throw new ProblemException(Problem.invalid(ObjectShape.field(pointer), "\""
                                + SecretKeyMatcher.REDACTED + "\" keeps the value a cluster holds, and this one holds "
                                + "none: an export never carries it, send the value"));
                    }
                    ObjectShape.put(body, pointer, kept);
                }
            }
            Validation.throwIfAny(check.apply(body));
            return body;
        }, Manifest::new);
    }

    @Override
    public List<KubernetesType> types() {
        return List.of(type);
    }

    @Override
    public Uni<Copy<S>> read(StoreReads reads, String namespace, String name, S desired) {
        return reads.get(type.address(namespace, objectName.apply(name))).map(o -> o == null || !type.holds(o.body())
                ? Copy.<S>absent(namespace, name, List.of()) : copy(o, name));
    }

    @Override
    public Uni<List<Copy<S>>> list(StoreReads reads, String namespace) {
        return reads.list(type, namespace).map(all -> all.stream().map(o -> copy(o, null)).toList());
    }

    @Override
    public List<Part> parts(S spec, String namespace, Copy<S> current) {
        String ns = spec.namespace() != null ? spec.namespace() : namespace;
        ObjectAddress address = type.address(ns, objectName.apply(spec.name()));
        if (current.parts().stream().anyMatch(p -> !p.address().equals(address))) {
            throw new IllegalArgumentException("desired and current are different objects");
        }
        ObjectNode now = current.parts().isEmpty() ? null : current.parts().get(0).body();
        return List.of(new Part(address, toObject.apply(spec, ns, now), null));
    }

    private Copy<S> copy(StoredObject o, String name) {
        S spec = fromObject.apply(o.body());
        String named = name != null ? name : spec.name() != null ? spec.name() : o.address().name();
        return new Copy<>(o.address().namespace(), named, spec, List.of(o), List.of(), Ownership.isManaged(o.body()),
                o.version());
    }
}
