package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a kind's stored objects derive from objects of another kind ({@link Kind#derivation}): an AI route's Ingress
 * names its providers' upstream services. {@code kind}: that kind's name ({@link KindNames#kind}); {@code uses}: the
 * names of its objects a spec derives from, in the same namespace.
 */
@RegisterForReflection
public record Derivation<S extends Spec>(String kind, Function<S, Set<String>> uses) {
}
