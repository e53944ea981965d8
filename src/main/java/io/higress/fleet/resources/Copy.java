package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One object as one cluster holds it: the facade model decoded from its stored {@code parts} (null when absent),
 * whether the fleet manages it (its mark is there), and the version write answers report. {@code related}: objects
 * read to decode it that are not its own (a built-in plugin's console definition).
 */
@RegisterForReflection
public record Copy<S extends Spec>(String namespace, String name, S spec, List<StoredObject> parts,
        List<StoredObject> related, boolean managed, String version) {

    public Copy {
        parts = List.copyOf(parts);
        related = List.copyOf(related);
    }

    public static <S extends Spec> Copy<S> absent(String namespace, String name, List<StoredObject> related) {
        return new Copy<>(namespace, name, null, List.of(), related, false, null);
    }

    public boolean exists() {
        return spec != null;
    }
}
