package io.higress.fleet.resources.plugininstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.plugininstance.PluginInstanceSpec.Scope;
import io.higress.fleet.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An instance through the console's WasmPluginInstancesController: {@code /v1/global/plugin-instances/{plugin}},
 * {@code /v1/{domains|routes|services}/{target}/plugin-instances/{plugin}}, body {@code {pluginName, scope, target,
 * enabled, configurations}} (created and replaced by PUT; the console ignores the version). A GET of a missing
 * instance answers a default one without version (absent); the console refuses a GET of an unknown domain or route
 * with a 400, which means no instance there. Lists read the global instances and those of every route, domain and
 * service the console lists ({@code /v1/services}: the services of its gateway's registry, outside kube-system and
 * its own namespace), one list per target, as the console has no list across targets; a target gone in between
 * (the console's 400) has none. An
 * instance has nowhere to carry the fleet's mark: it counts as the fleet's unless the console marks it internal.
 */
final class ConsoleInstanceForm implements Form<PluginInstanceSpec> {
    private static final ConsoleType ROUTES = new ConsoleType("/v1/routes", false, false);
    private static final ConsoleType DOMAINS = new ConsoleType("/v1/domains", false, false);
    /** What the gateway's registry holds, one entry per service and port (ServicesController). */
    private static final ConsoleType SERVICES = new ConsoleType("/v1/services", false, false);
    /** The console calls a list makes at the same time. */
    static final int TARGETS_AT_ONCE = 4;

    /** The console's collection of the instances at one scope and target. */
    static ConsoleType instances(Scope scope, String target) {
        String path = scope == Scope.GLOBAL ? "/v1/global" : "/v1/" + scope.segment() + "s/" + target;
        return new ConsoleType(path + "/plugin-instances", true, true);
    }

    @Override
    public Uni<Copy<PluginInstanceSpec>> read(StoreReads reads, String namespace, String name,
            PluginInstanceSpec desired) {
        InstanceName n = InstanceName.parse(name);
        if (n == null) {
            return Uni.createFrom().item(Copy.absent(namespace, name, List.of()));
        }
        return reads.get(instances(n.scope(), n.target()).address(n.plugin()))
                .onFailure(ConsoleInstanceForm::unknownTarget).recoverWithNull()
                .map(i -> copy(namespace, name, i));
    }

    @Override
    public Uni<List<Copy<PluginInstanceSpec>>> list(StoreReads reads, String namespace) {
        Uni<List<ConsoleType>> types = Uni.combine().all()
                .unis(reads.list(ROUTES, null), reads.list(DOMAINS, null), reads.list(SERVICES, null))
                .with((routes, domains, services) -> {
                    List<ConsoleType> all = new ArrayList<>(List.of(instances(Scope.GLOBAL, null)));
                    routes.forEach(r -> all.add(instances(Scope.ROUTE, r.address().name())));
                    domains.forEach(d -> all.add(instances(Scope.DOMAIN, d.address().name())));
                    // one entry per port: each service once
                    services.stream().map(s -> s.address().name()).filter(n -> !n.isEmpty()).distinct()
                            .forEach(n -> all.add(instances(Scope.SERVICE, n)));
                    return all;
                });
        // one call per target: a few at a time, not one after the other (a console with many services) nor all at
        // once (it is one small server); the order of the targets is kept
        return types.chain(all -> Uni.join().all(all.stream().map(t -> reads.list(t, null)
                                .onFailure(ConsoleInstanceForm::unknownTarget).recoverWithItem(List.of()))
                        .toList())
                .usingConcurrencyOf(TARGETS_AT_ONCE).andFailFast()
                .map(found -> found.stream().flatMap(List::stream).map(o -> copy(namespace, null, named(o)))
                        .filter(Copy::exists).toList()));
    }

    /** The console's 400 for a target it does not have ("Unknown route: x"): deleted since it was listed. */
    private static boolean unknownTarget(Throwable e) {
        return e instanceof UpstreamException u && u.status() == 400;
    }

    /** A listed instance named by its plugin (the console's instances have no {@code name}). */
    private static StoredObject named(StoredObject o) {
        ConsoleType type = (ConsoleType) o.address().type();
        return new StoredObject(type.address(o.body().path("pluginName").asText()), o.body(), o.version());
    }

    @SuppressWarnings("unchecked")
    private static Copy<PluginInstanceSpec> copy(String namespace, String name, StoredObject instance) {
        if (instance == null) {
            return Copy.absent(namespace, name, List.of());
        }
        JsonNode b = instance.body();
        Scope scope;
        try {
            scope = Scope.valueOf(b.path("scope").asText());
        } catch (IllegalArgumentException e) {
            return Copy.absent(namespace, name, List.of());
        }
        String target = scope == Scope.GLOBAL ? null : b.path("target").asText(null);
        String plugin = b.path("pluginName").asText();
        JsonNode conf = b.path("configurations");
        PluginInstanceSpec spec = new PluginInstanceSpec(PluginInstanceSpec.nameOf(plugin, scope, target), plugin,
                scope, target, b.path("enabled").asBoolean(false),
                conf.isObject() && !conf.isEmpty() ? Json.MAPPER.convertValue(conf, Map.class) : null, namespace);
        return new Copy<>(namespace, spec.name(), spec, List.of(instance), List.of(),
                !b.path("internal").asBoolean(false), instance.version());
    }

    /** The instance as read with the facade's fields replaced (what the console adds, such as its version, kept). */
    @Override
    public List<Part> parts(PluginInstanceSpec spec, String namespace, Copy<PluginInstanceSpec> current) {
        InstanceName n = InstanceName.parse(spec.name());
        ObjectNode o = current.parts().isEmpty() ? Json.MAPPER.createObjectNode()
                : current.parts().get(0).body().deepCopy();
        JsonNode configurations = spec.config() == null ? Json.MAPPER.createObjectNode() : Json.tree(spec.config());
        if (!configurations.equals(o.get("configurations"))) {
            o.remove("rawConfigurations"); // derived from configurations by the console; a stale copy must not win
        }
        o.put("pluginName", n.plugin());
        o.put("scope", n.scope().name());
        if (n.scope() == Scope.GLOBAL) {
            o.putNull("target");
        } else {
            o.put("target", n.target());
        }
        o.remove("targets"); // the console sets them from the path
        o.put("enabled", !Boolean.FALSE.equals(spec.enabled()));
        o.set("configurations", configurations);
        return List.of(new Part(instances(n.scope(), n.target()).address(n.plugin()), o, null));
    }
}
