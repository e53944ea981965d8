package io.higress.fleet.resources;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A type of stored object: a Kubernetes resource type or a console collection. It says what of a body is content
 * (what a diff and drift compare) and how a desired body goes over the current one for an update. Journaled with
 * rollout snapshots, hence the type property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "store")
@JsonSubTypes({@JsonSubTypes.Type(value = KubernetesType.class, name = "kubernetes"),
        @JsonSubTypes.Type(value = ConsoleType.class, name = "console")})
public sealed interface StoredType permits KubernetesType, ConsoleType {

    /** For messages: the Kubernetes kind or the console path. */
    String label();

    /**
     * The part of {@code body} a user controls: what differences, drift and "unchanged" are decided on. Of null (an
     * absent object): the empty content, so that a create or delete lists the top-level fields.
     */
    ObjectNode content(ObjectNode body);

    /** What to send to update {@code current} to {@code desired}, carrying the version read. */
    ObjectNode overCurrent(ObjectNode desired, StoredObject current);

    /** The version a stored body carries. */
    String versionOf(ObjectNode body);
}
