package io.higress.fleet.security;

import io.higress.fleet.cluster.LabelSelector;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A role granted on the clusters whose labels match {@code selector} (e.g. operator on {@code env in (dev,test)}).
 * A caller's unscoped {@code roles} hold everywhere; bindings add rights on some clusters only.
 */
@RegisterForReflection
public record RoleBinding(Role role, String selectorText, LabelSelector selector) {

    static RoleBinding of(Role role, String selector) {
        return new RoleBinding(role, selector, LabelSelector.parse(selector));
    }

    /** Grants {@code needed} on a cluster with these labels. */
    boolean grants(Role needed, Map<String, String> labels) {
        return role.includes(needed) && selector.matches(labels);
    }

    /** "operator on env in (dev,test)", as /user/me and 403 hints show it. */
    public String label() {
        return role.label() + " on " + selectorText;
    }
}
