package io.higress.fleet.resources.plugininstance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A plugin instance, the Higress Console's WasmPluginInstance: the configuration of one {@code plugin} at one
 * {@code scope} ({@code GLOBAL}, {@code DOMAIN}, {@code ROUTE}, {@code SERVICE}) and {@code target} (none for GLOBAL;
 * a domain, a route's name, a service host), {@code enabled} (default true) and its {@code config}. Its {@code name}
 * says all three: {@code <plugin>.global}, {@code <plugin>.domain.<domain>}, {@code <plugin>.route.<route>},
 * {@code <plugin>.service.<service>}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginInstanceSpec(
        String name,
        String plugin,
        Scope scope,
        String target,
        Boolean enabled,
        Map<String, Object> config,
        String namespace) implements Spec {

    /** Where an instance applies, as the console's WasmPluginInstanceScope. */
    public enum Scope {
        GLOBAL, DOMAIN, ROUTE, SERVICE;

        String segment() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The name an instance of these has. */
    static String nameOf(String plugin, Scope scope, String target) {
        return scope == Scope.GLOBAL ? plugin + ".global" : plugin + "." + scope.segment() + "." + target;
    }
}
