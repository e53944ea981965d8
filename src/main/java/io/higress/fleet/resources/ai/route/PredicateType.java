package io.higress.fleet.resources.ai.route;

import java.util.Arrays;

/** The console's RoutePredicateTypeEnum: its name in bodies and its annotation prefix. */
enum PredicateType {
    EQUAL("exact"), PRE("prefix"), REGULAR("regex");

    private final String annotationPrefix;

    PredicateType(String annotationPrefix) {
        this.annotationPrefix = annotationPrefix;
    }

    String annotationPrefix() {
        return annotationPrefix;
    }

    /** By its exact name (the console's annotation writer takes no other spelling), or null. */
    static PredicateType of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
