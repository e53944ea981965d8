package io.higress.fleet.resources.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.KeyAuthConsumers;
import io.higress.fleet.resources.shared.PluginInstances.Targets;
import io.higress.fleet.resources.shared.Workspace;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;

/**
 * A consumer in Kubernetes, as the console's ConsumerServiceImpl writes it: its entry in the consumer list of the
 * WasmPlugin {@code key-auth.internal} (created with the console's labels and defaults when there is none; its
 * GLOBAL instance enabled by every save). A delete removes the entry and is refused (409) while an allow list of the
 * plugin names the consumer, as the console refuses it ("still in use"). Entries have nowhere to carry the fleet's
 * mark: they count as the fleet's.
 */
final class KubernetesConsumerForm implements KubernetesForm<ConsumerSpec> {
    private static final KubernetesType WASM_PLUGIN = ConsolePlugins.WASM_PLUGIN;

    @Override
    public List<KubernetesType> types() {
        return List.of(WASM_PLUGIN);
    }

    @Override
    public Uni<Copy<ConsumerSpec>> read(StoreReads reads, String namespace, String name, ConsumerSpec desired) {
        return reads.list(WASM_PLUGIN, namespace).map(all -> copy(KeyAuthConsumers.find(all), namespace, name));
    }

    @Override
    public Uni<List<Copy<ConsumerSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(WASM_PLUGIN, namespace).map(all -> {
            StoredObject plugin = KeyAuthConsumers.find(all);
            return plugin == null ? List.<Copy<ConsumerSpec>>of() : KeyAuthConsumers.entries(plugin.body()).stream()
                    .map(e -> copy(plugin, namespace, e.path(KeyAuthConsumers.NAME).asText()))
                    .filter(Copy::exists).toList();
        });
    }

    private static Copy<ConsumerSpec> copy(StoredObject plugin, String namespace, String name) {
        if (plugin == null) {
            return Copy.absentEntry(namespace, name, List.of(), List.of());
        }
        ObjectNode e = KeyAuthConsumers.entry(plugin.body(), name);
        ConsumerSpec spec = e == null ? null : KeyAuthCredentials.spec(e, namespace);
        return spec == null ? Copy.absentEntry(namespace, name, List.of(plugin), List.of())
                : new Copy<>(namespace, name, spec, List.of(plugin), List.of(), true, plugin.version(), true);
    }

    @Override
    public List<Part> parts(ConsumerSpec spec, String namespace, Copy<ConsumerSpec> current) {
        StoredObject stored = KeyAuthConsumers.find(current.parts());
        if (stored != null) {
            KeyAuthCredentials.refuseShared(spec, KeyAuthConsumers.entries(stored.body()).stream()
                    .map(e -> KeyAuthCredentials.spec(e, namespace)).filter(Objects::nonNull).toList());
        }
        Workspace w = new Workspace().load(current.parts());
        KeyAuthConsumers.upsert(KeyAuthConsumers.plugin(w, current.parts(), namespace), KeyAuthCredentials.entry(spec));
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> remainder(String namespace, Copy<ConsumerSpec> current) {
        Workspace w = new Workspace().load(current.parts());
        ObjectNode cr = KeyAuthConsumers.plugin(w, current.parts(), namespace);
        List<Targets> allowing = KeyAuthConsumers.allowing(cr, current.name());
        if (!allowing.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "consumer " + current.name()
                    + " is still in use: the key-auth allow list of " + describe(allowing.get(0))
                    + " names it; remove it there first"));
        }
        KeyAuthConsumers.remove(cr, current.name());
        return w.parts(Workspace::label);
    }

    @Override
    public List<Part> restored(List<StoredObject> previous, String namespace, Copy<ConsumerSpec> current) {
        Copy<ConsumerSpec> before = copy(KeyAuthConsumers.find(previous), namespace, current.name());
        return Workspace.restoredEntry(this, before.exists() ? before.spec() : null, namespace, current,
                Workspace::label);
    }

    private static String describe(Targets t) {
        if (t.ingress() != null) {
            return "route " + t.ingress();
        }
        if (t.domain() != null) {
            return "domain " + t.domain();
        }
        return t.service() != null ? "service " + t.service() : "the global instance";
    }
}
