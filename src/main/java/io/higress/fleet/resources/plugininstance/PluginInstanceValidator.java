package io.higress.fleet.resources.plugininstance;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.plugininstance.PluginInstanceSpec.Scope;
import java.util.ArrayList;
import java.util.List;

/** Checks a (merged) instance: plugin, scope, the target the scope needs, and the name they make. */
final class PluginInstanceValidator {

    List<FieldError> validate(PluginInstanceSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.namespace("namespace", s.namespace());
        c.label("plugin", s.plugin());
        if (!c.required("scope", s.scope())) {
            return errors;
        }
        if (s.scope() == Scope.GLOBAL) {
            if (s.target() != null) {
                c.fail("target", "a GLOBAL instance has no target");
            }
        } else if (c.required("target", s.target())) {
            boolean ok = switch (s.scope()) {
                case DOMAIN -> Names.isDns1123Subdomain(s.target().startsWith("*.") ? s.target().substring(2)
                        : s.target());
                case ROUTE -> Names.isDns1123Subdomain(s.target());
                default -> Names.isDns1123Subdomain(s.target().replace(":", "-"));
            };
            if (!ok) {
                c.fail("target", "must be " + switch (s.scope()) {
                    case DOMAIN -> "a domain (a leading '*.' allowed)";
                    case ROUTE -> "a route's name";
                    default -> "a service host (<name>.<namespace>.svc.cluster.local, <service>.<source>.dns, ...)";
                });
            }
        }
        if (errors.isEmpty()) {
            String expected = PluginInstanceSpec.nameOf(s.plugin(), s.scope(), s.target());
            if (!expected.equals(s.name())) {
                c.fail("name", "must be " + expected + " (<plugin>.<scope>[.<target>])");
            }
        }
        return errors;
    }
}
