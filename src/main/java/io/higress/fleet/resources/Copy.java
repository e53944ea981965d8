package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One object as one cluster holds it: the facade model decoded from its stored {@code parts} (null when absent),
 * whether the fleet manages it (its mark is there), and the version write answers report. {@code related}: objects
 * read to decode it that are not its own (a built-in plugin's console definition).
 * <p>
 * {@code entry}: the object is (partly) an entry in shared stored objects (an AI provider in the {@code ai-proxy}
 * WasmPlugin, a consumer in the key-auth plugin): its parts hold other objects too, so two copies compare on the
 * facade model, not on their parts. An absent entry may still have parts: the shared objects a create edits
 * ({@link #absentEntry}).
 * <p>
 * {@code others}: objects of the name that a write of this object would write but that are not its own (another's
 * Ingress beside a route held in an HTTPRoute). The {@link Planner} refuses to write over one (409 naming it) unless
 * {@code force}, which takes it over (an update over it, its version carried).
 */
@RegisterForReflection
public record Copy<S extends Spec>(String namespace, String name, S spec, List<StoredObject> parts,
        List<StoredObject> related, boolean managed, String version, boolean entry, List<StoredObject> others) {

    public Copy {
        parts = List.copyOf(parts);
        related = List.copyOf(related);
        others = List.copyOf(others);
    }

    public Copy(String namespace, String name, S spec, List<StoredObject> parts, List<StoredObject> related,
            boolean managed, String version, boolean entry) {
        this(namespace, name, spec, parts, related, managed, version, entry, List.of());
    }

    /** A copy of an object whose parts are its own. */
    public Copy(String namespace, String name, S spec, List<StoredObject> parts, List<StoredObject> related,
            boolean managed, String version) {
        this(namespace, name, spec, parts, related, managed, version, false);
    }

    public static <S extends Spec> Copy<S> absent(String namespace, String name, List<StoredObject> related) {
        return new Copy<>(namespace, name, null, List.of(), related, false, null);
    }

    /**
     * An entry not (yet) in the shared objects that exist ({@code shared}, which a create edits): counted as the
     * fleet's, since an entry has nowhere to carry the fleet's mark.
     */
    public static <S extends Spec> Copy<S> absentEntry(String namespace, String name, List<StoredObject> shared,
            List<StoredObject> related) {
        return new Copy<>(namespace, name, null, shared, related, true, null, true);
    }

    public boolean exists() {
        return spec != null;
    }
}
