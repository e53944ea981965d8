package io.higress.fleet.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.console.ConsoleResources;
import io.higress.fleet.resources.console.ConsoleWrite;
import io.higress.fleet.resources.console.HigressConsoleResources;
import io.higress.fleet.resources.console.Versioned;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ClusterResourceStore} of {@code management: console} clusters: Kubernetes-shaped objects translated
 * to the facade's models and sent through {@link ConsoleResources} (docs/console.md has the mapping).
 * <ul>
 * <li>An object read from a console carries the console's {@code version} as its resourceVersion (an update sends
 * it back: stale is a 409) and the ownership label: the console owns what it holds, so {@code force} has nothing
 * to take over.</li>
 * <li>Bridges: the console keeps every registry in one bridge, {@code default}; other bridge names are written
 * as their registries and read as absent.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleResourceStore implements ClusterResourceStore {
    private static final String ROUTE = "Ingress";

    private final ConsoleResources console;
    private final ResourceModels models;

    public ConsoleResourceStore(ConsoleResources console, ResourceModels models) {
        this.console = console;
        this.models = models;
    }

    @Override
    public Uni<GenericKubernetesResource> get(Cluster cluster, ObjectRef ref) {
        String c = cluster.name();
        String ns = ref.namespace();
        return switch (ref.kind()) {
            case ROUTE -> absentIfNotFound(console.getRoute(c, ref.name()).map(v -> object(models.routes(ns), v)));
            case PluginTranslator.KIND ->
                    absentIfNotFound(console.getPlugin(c, ref.name()).map(v -> object(models.plugins(ns), v)));
            case McpBridgeTranslator.KIND -> HigressConsoleResources.CONSOLE_BRIDGE.equals(ref.name())
                    ? bridge(c, ns).map(found -> found.isEmpty() ? null : found.get(0))
                    : Uni.createFrom().nullItem();
            default -> unsupported(cluster, ref.kind());
        };
    }

    /** {@code managedOnly} changes nothing: everything a console holds is its own. */
    @Override
    public Uni<List<GenericKubernetesResource>> list(Cluster cluster, String kind, String namespace,
            boolean managedOnly) {
        String c = cluster.name();
        return switch (kind) {
            case ROUTE -> console.listRoutes(c)
                    .map(all -> all.stream().map(v -> object(models.routes(namespace), v)).toList());
            case PluginTranslator.KIND -> console.listPlugins(c)
                    .map(all -> all.stream().map(v -> object(models.plugins(namespace), v)).toList());
            case McpBridgeTranslator.KIND -> bridge(c, namespace);
            default -> unsupported(cluster, kind);
        };
    }

    @Override
    public Uni<GenericKubernetesResource> create(Cluster cluster, GenericKubernetesResource o) {
        String c = cluster.name();
        String ns = o.getMetadata().getNamespace();
        return switch (o.getKind()) {
            case ROUTE -> written(o, console.applyRoute(c, models.routes(ns).fromObject().apply(o), null));
            case PluginTranslator.KIND -> written(o, console.applyPlugin(c, plugin(o)));
            case McpBridgeTranslator.KIND ->
                    console.applyBridge(c, models.mcpBridges(ns).fromObject().apply(o)).replaceWith(o);
            default -> unsupported(cluster, o.getKind());
        };
    }

    @Override
    public Uni<GenericKubernetesResource> update(Cluster cluster, GenericKubernetesResource o) {
        String c = cluster.name();
        String ns = o.getMetadata().getNamespace();
        return switch (o.getKind()) {
            case ROUTE -> written(o, console.applyRoute(c, models.routes(ns).fromObject().apply(o),
                    o.getMetadata().getResourceVersion()));
            case PluginTranslator.KIND -> written(o, console.applyPlugin(c, plugin(o)));
            case McpBridgeTranslator.KIND -> replaceBridge(c, models.mcpBridges(ns).fromObject().apply(o)).replaceWith(o);
            default -> unsupported(cluster, o.getKind());
        };
    }

    @Override
    public Uni<Void> delete(Cluster cluster, GenericKubernetesResource o) {
        String c = cluster.name();
        String name = o.getMetadata().getName();
        return switch (o.getKind()) {
            case ROUTE -> console.deleteRoute(c, name).replaceWithVoid();
            case PluginTranslator.KIND -> console.deletePlugin(c, name).replaceWithVoid();
            case McpBridgeTranslator.KIND -> console.deleteRegistries(c,
                    registryNames(models.mcpBridges(o.getMetadata().getNamespace()).fromObject().apply(o)))
                    .replaceWithVoid();
            default -> unsupported(cluster, o.getKind());
        };
    }

    /** The console's one bridge, as a list of zero (no registries) or one object. */
    private Uni<List<GenericKubernetesResource>> bridge(String cluster, String namespace) {
        return console.getBridge(cluster).map(b -> registryNames(b).isEmpty() ? List.of()
                : List.of(object(models.mcpBridges(namespace), new Versioned<>(b, null))));
    }

    /** An update of the whole bridge: registries it no longer names are deleted, the others written. */
    private Uni<List<ConsoleWrite>> replaceBridge(String cluster, McpBridgeSpec desired) {
        List<String> keep = registryNames(desired);
        return console.getBridge(cluster)
                .flatMap(current -> console.deleteRegistries(cluster,
                        registryNames(current).stream().filter(n -> !keep.contains(n)).toList()))
                .flatMap(deleted -> console.applyBridge(cluster, desired));
    }

    /**
     * Higress's built-in plugins are configured on the console's own definition, whose image the console fixes:
     * the url the facade defaults for them (or a console read showed) is not sent.
     */
    private PluginSpec plugin(GenericKubernetesResource o) {
        PluginSpec p = models.plugins(o.getMetadata().getNamespace()).fromObject().apply(o);
        return PluginImages.BUILT_INS.contains(p.name())
                ? new PluginSpec(p.name(), p.type(), p.phase(), p.priority(), p.config(), null, p.matchRules(),
                        p.enabled(), p.namespace())
                : p;
    }

    private static <T> GenericKubernetesResource object(ResourceModel<T> model, Versioned<T> read) {
        GenericKubernetesResource o = model.toObject().apply(read.spec());
        // The request's namespace: a console route's service may live elsewhere, the route itself has none.
        o.getMetadata().setNamespace(model.namespace());
        o.getMetadata().setResourceVersion(read.resourceVersion());
        return o;
    }

    private static Uni<GenericKubernetesResource> written(GenericKubernetesResource o, Uni<ConsoleWrite> write) {
        return write.map(w -> {
            GenericKubernetesResource copy = Json.MAPPER.convertValue(o, GenericKubernetesResource.class);
            copy.getMetadata().setResourceVersion(w.resourceVersion());
            return copy;
        });
    }

    private static Uni<GenericKubernetesResource> absentIfNotFound(Uni<GenericKubernetesResource> read) {
        return read.onFailure(t -> t instanceof ProblemException p && p.problem().status() == 404).recoverWithNull();
    }

    static List<String> registryNames(McpBridgeSpec b) {
        List<String> names = new ArrayList<>();
        if (b.nacos() != null) {
            b.nacos().forEach(r -> names.add(r.name()));
        }
        if (b.consul() != null) {
            b.consul().forEach(r -> names.add(r.name()));
        }
        if (b.staticRegistries() != null) {
            b.staticRegistries().forEach(r -> names.add(r.name()));
        }
        if (b.dns() != null) {
            b.dns().forEach(r -> names.add(r.name()));
        }
        return names;
    }

    private static <T> Uni<T> unsupported(Cluster cluster, String kind) {
        return Uni.createFrom().failure(new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                kind + " objects cannot be managed through the console of cluster " + cluster.name())
                .withTarget(cluster.name(), null)));
    }
}
