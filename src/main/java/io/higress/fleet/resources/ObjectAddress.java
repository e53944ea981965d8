package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a stored object is: its type, its namespace (null in a console) and its name. */
@RegisterForReflection
public record ObjectAddress(StoredType type, String namespace, String name) {

    @Override
    public String toString() {
        return type.label() + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
