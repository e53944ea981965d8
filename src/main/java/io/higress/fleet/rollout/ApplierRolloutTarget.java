package io.higress.fleet.rollout;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Applier;
import io.higress.fleet.resources.ClusterStores;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.Manifest;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteAudit;
import io.higress.fleet.resources.WriteIntent;
import io.higress.fleet.resources.WriteResult;
import io.higress.fleet.security.audit.AuditRecorder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link RolloutTarget} through THE write path ({@link Applier}) and the cluster stores of the REST writes (the
 * Kubernetes API, or the console for console-managed clusters): the same read → plan → send with the 409 re-plan,
 * the rollout's own objects not locked against it. Objects are written one after the other, in the order given
 * (restored in reverse). Each cluster's apply and restore is an audit entry of its own, carrying the rollout's id.
 */
@ApplicationScoped
public class ApplierRolloutTarget implements RolloutTarget {
    private static final Map<String, String> PLANNED = Map.of("created", "create", "updated", "update",
            "unchanged", "unchanged");

    private final Applier applier;
    private final ClusterStores stores;
    private final AuditRecorder audit;

    public ApplierRolloutTarget(Applier applier, ClusterStores stores, AuditRecorder audit) {
        this.applier = applier;
        this.stores = stores;
        this.audit = audit;
    }

    @Override
    public Uni<List<SnapshotEntry>> snapshot(Cluster cluster, List<RolloutObject> objects) {
        return Multi.createFrom().iterable(objects)
                .onItem().transformToUniAndConcatenate(o -> applier.read(cluster, write(o, WriteIntent::createOrUpdate))
                        .map(copy -> new SnapshotEntry(ObjectKey.of(o), copy.parts())))
                .collect().asList();
    }

    @Override
    public Uni<List<String>> apply(Cluster cluster, List<RolloutObject> objects, boolean force, String rollout) {
        List<Applier.Write<?>> writes = objects.stream()
                .<Applier.Write<?>>map(o -> write(o, WriteIntent::createOrUpdate)).toList();
        return applier.writeIn(cluster, writes, new Applier.Options(false, force, rollout))
                .invoke(results -> audited("APPLY", rollout, cluster, results))
                .map(results -> results.stream().map(ApplierRolloutTarget::action).filter(Objects::nonNull)
                        .toList());
    }

    @Override
    public Uni<Void> restore(Cluster cluster, List<RolloutObject> objects, List<SnapshotEntry> snapshot,
            String rollout) {
        List<Applier.Write<?>> writes = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            List<StoredObject> previous = snapshot.get(i).previous();
            writes.add(write(objects.get(i), spec -> WriteIntent.restore(previous, spec)));
        }
        Collections.reverse(writes);
        return applier.writeIn(cluster, writes, new Applier.Options(false, true, rollout))
                .invoke(results -> audited("RESTORE", rollout, cluster, results))
                .invoke(results -> results.forEach(ApplierRolloutTarget::action)).replaceWithVoid();
    }

    private void audited(String verb, String rollout, Cluster cluster, List<WriteResult> results) {
        audit.background(verb + " /api/v1/rollouts/" + rollout, Map.of("rollout", rollout, "clusters", cluster.name()),
                WriteAudit.of(results), results.stream().anyMatch(WriteResult::failed));
    }

    /**
     * The planned action of a written object (null for an object written again after one of them, which is not
     * the rollout's); a failed one fails the cluster with its problem, a failed re-save included.
     */
    private static String action(WriteResult r) {
        if (r.failed()) {
            throw new ProblemException(r.error());
        }
        return r.resavedAfter() != null ? null : PLANNED.getOrDefault(r.status(), r.status());
    }

    private Applier.Write<?> write(RolloutObject o, Function<Spec, WriteIntent<?>> intent) {
        return RolloutObject.MANIFEST.equals(o.kind()) ? manifest(o, intent) : kindWrite(Kinds.byPlural(o.kind()), o,
                intent);
    }

    @SuppressWarnings("unchecked")
    private <S extends Spec> Applier.Write<S> kindWrite(Kind<S> kind, RolloutObject o,
            Function<Spec, WriteIntent<?>> intent) {
        S spec = Json.MAPPER.convertValue(o.body(), kind.specClass());
        return new Applier.Write<>(ObjectKey.of(o).ref(), c -> stores.of(kind, c), (WriteIntent<S>) intent.apply(spec),
                kind.names().plural());
    }

    @SuppressWarnings("unchecked")
    private Applier.Write<Manifest> manifest(RolloutObject o, Function<Spec, WriteIntent<?>> intent) {
        Manifest m = new Manifest(o.body());
        KubernetesObjectForm<Manifest> form = m.form();
        return new Applier.Write<>(ObjectKey.of(o).ref(), c -> stores.kubernetesOnly(form, c),
                (WriteIntent<Manifest>) intent.apply(m), Applier.Write.MANIFESTS);
    }
}
