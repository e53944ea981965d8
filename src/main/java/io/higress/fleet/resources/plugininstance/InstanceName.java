package io.higress.fleet.resources.plugininstance;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.resources.plugininstance.PluginInstanceSpec.Scope;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An instance's name taken apart: {@code <plugin>.<scope>[.<target>]}; null when it is not one. */
@RegisterForReflection
record InstanceName(String plugin, Scope scope, String target) {

    static InstanceName parse(String name) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("\\.", 3);
        if (parts.length < 2 || !Names.isDns1123Label(parts[0])) {
            return null;
        }
        Scope scope;
        try {
            scope = Scope.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!parts[1].equals(scope.segment()) || (scope == Scope.GLOBAL) != (parts.length == 2)) {
            return null;
        }
        return new InstanceName(parts[0], scope, scope == Scope.GLOBAL ? null : parts[2]);
    }

    /** The match-rule targets ({@link Targets#GLOBAL} for the global instance). */
    Targets targets() {
        return switch (scope) {
            case GLOBAL -> Targets.GLOBAL;
            case DOMAIN -> new Targets(target, null, null);
            case ROUTE -> Targets.route(target);
            case SERVICE -> Targets.service(target);
        };
    }
}
