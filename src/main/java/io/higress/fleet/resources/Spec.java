package io.higress.fleet.resources;

/**
 * A kind's facade model (the JSON a caller sends and reads): its name and, optionally, its namespace. Records of the
 * kinds implement it; fields are nullable so that a PUT body can be merged onto a copy (validate the result).
 */
public interface Spec {
    String name();

    /** The namespace the body names, or null for the request's (the {@code namespace} query, else the default). */
    String namespace();
}
