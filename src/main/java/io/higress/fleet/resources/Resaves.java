package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.ClusterStores.Placement;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that follow a create or update in a Kubernetes cluster: the objects of other kinds deriving from the
 * written one ({@link Kind#derivation}) written again as they are, when the written one says its change reaches them
 * ({@link Kind#changesDerived}). The console does it after saving a provider whose upstream service can change (it
 * re-saves every AI route using it, in its upstreams or enabled fallback); a console-managed cluster's console does it
 * itself, so only the kinds' Kubernetes forms lead here. Like the console, an earlier write is not undone when a
 * re-save fails: the re-save's result says so.
 */
@ApplicationScoped
class Resaves {

    /** What follows: the re-saves, and a failed result per kind whose objects could not be read to find them. */
    @RegisterForReflection
    record Derived(List<Applier.Write<?>> writes, List<WriteResult> failures) {
        static final Derived NONE = new Derived(List.of(), List.of());
    }

    private final ClusterStores stores;

    Resaves(ClusterStores stores) {
        this.stores = stores;
    }

    Uni<Derived> after(Cluster cluster, ObjectRef written, Form<?> form) {
        Kind<?> kind = Kinds.ALL.stream().filter(k -> k.names().kind().equals(written.kind())).findFirst().orElse(null);
        List<Kind<?>> deriving = Kinds.ALL.stream()
                .filter(k -> k.derivation().map(d -> d.kind().equals(written.kind())).orElse(false)).toList();
        if (kind == null || deriving.isEmpty() || form != kind.kubernetes(cluster)) { // manifests, console forms
            return Uni.createFrom().item(Derived.NONE);
        }
        return changed(cluster, kind, written).chain(changed -> !changed ? Uni.createFrom().item(Derived.NONE)
                : Multi.createFrom().iterable(deriving)
                        .onItem().transformToUniAndConcatenate(k -> using(cluster, k, written))
                        .collect().asList()
                        .map(all -> new Derived(all.stream().flatMap(d -> d.writes().stream()).toList(),
                                all.stream().flatMap(d -> d.failures().stream()).toList())));
    }

    /** The written object as the cluster holds it now reaches what derives from it; unreadable: assume it does. */
    private <S extends Spec> Uni<Boolean> changed(Cluster cluster, Kind<S> kind, ObjectRef written) {
        Placement<S> p = stores.of(kind, cluster);
        return p.form().read(p.store().reads(cluster), written.namespace(), written.name(), null)
                .map(copy -> copy.exists() && kind.changesDerived(copy.spec()))
                .onFailure().recoverWithItem(true);
    }

    private <S extends Spec> Uni<Derived> using(Cluster cluster, Kind<S> kind, ObjectRef written) {
        Placement<S> p = stores.of(kind, cluster);
        Derivation<S> derivation = kind.derivation().orElseThrow();
        return p.form().list(p.store().reads(cluster), written.namespace()).map(copies -> {
            List<Applier.Write<?>> writes = new ArrayList<>();
            copies.stream().filter(c -> derivation.uses().apply(c.spec()).contains(written.name()))
                    .forEach(c -> writes.add(new Applier.Write<S>(new ObjectRef(kind.names().kind(), c.namespace(),
                            c.name()), cl -> stores.of(kind, cl), WriteIntent.resave(), kind.names().plural())));
            return new Derived(writes, List.of());
        }).onFailure().recoverWithItem(t -> new Derived(List.of(), List.of(WriteResult.failed(cluster.name(),
                new ObjectRef(kind.names().kind(), written.namespace(), null), unlisted(t, cluster, kind, written))
                .resavedAfter(written))));
    }

    private static Problem unlisted(Throwable t, Cluster cluster, Kind<?> kind, ObjectRef written) {
        Problem cause = t instanceof ProblemException p ? p.problem()
                : Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly");
        String what = kind.names().plural() + " using " + written;
        return cause.withTarget(cluster.name(), null)
                .withDetail("the " + what + " could not be read to write them again after it: " + cause.detail())
                .withHint("write the " + what + " again (PUT each unchanged) once the cluster answers");
    }
}
