package io.higress.fleet.desiredstate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Applier;
import io.higress.fleet.resources.ClusterStores;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.KubernetesStore;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Manifest;
import io.higress.fleet.resources.ManifestParser;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.resources.WriteIntent;
import io.higress.fleet.resources.WriteLimits;
import io.higress.fleet.resources.WriteResult;
import io.higress.fleet.rollout.RolloutRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a set means in a cluster: its objects created or updated, and (prune) the facade's own objects of every
 * registered type in the set's namespaces that the set no longer holds deleted. Everything goes through the one
 * {@link Applier} (a diff is its dryRun plan); only objects labelled as managed by the facade are ever listed for
 * prune, so objects of other managers are never deleted. Kubernetes-managed clusters only: a console-managed one is
 * refused per object, like {@code POST /api/v1/manifests}.
 */
@ApplicationScoped
class DesiredStates {
    /** The label naming the set that wrote an object: a set prunes its own objects only. */
    static final String SET_LABEL = "higress-fleet.io/desired-state";


    private final Applier applier;
    private final ClusterStores stores;
    private final KubernetesStore kubernetes;
    private final WriteLimits limits;
    private final String defaultNamespace;

    DesiredStates(Applier applier, ClusterStores stores, KubernetesStore kubernetes, WriteLimits limits,
            FleetConfig config) {
        this.applier = applier;
        this.stores = stores;
        this.kubernetes = kubernetes;
        this.limits = limits;
        this.defaultNamespace = config.resources().namespace();
    }

    /** A set's body checked like a manifest apply (400 naming {@code manifests[i]...}); its namespaces filled in. */
    DesiredState validated(String name, DesiredState sent) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || !Names.isDns1123Label(name)) {
            errors.add(new Problem.FieldError("name", "must be a DNS-1123 label"));
        }
        if (sent == null) {
            throw new ProblemException(Problem.invalid("manifests", "the body must be a desired-state set"));
        }
        if (sent.name() != null && !sent.name().equals(name)) {
            errors.add(new Problem.FieldError("name", "the body says '" + sent.name() + "' and the path '" + name
                    + "'"));
        }
        List<String> namespaces = sent.namespaces() == null || sent.namespaces().isEmpty()
                ? List.of(defaultNamespace) : sent.namespaces();
        for (int i = 0; i < namespaces.size(); i++) {
            String ns = namespaces.get(i);
            if (ns == null || !Names.isDns1123Label(ns)) {
                errors.add(new Problem.FieldError("namespaces[" + i + "]", "must be a DNS-1123 label"));
            } else {
                errors.addAll(limits.namespace(ns, "namespaces[" + i + "]"));
            }
        }
        if (sent.clusters() != null) {
            for (int i = 0; i < sent.clusters().size(); i++) {
                if (sent.clusters().get(i) == null || sent.clusters().get(i).isBlank()) {
                    errors.add(new Problem.FieldError("clusters[" + i + "]", "must name a cluster"));
                }
            }
        }
        JsonNode m = sent.manifests();
        if (m == null || m.isNull() || (!m.isTextual() && !m.isArray())) {
            errors.add(new Problem.FieldError("manifests", "required: a YAML string of documents or a JSON list "
                    + "of Kubernetes objects"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        DesiredState set = new DesiredState(name, sent.clusters(), sent.selector(), List.copyOf(namespaces), m,
                sent.updatedBy(), sent.updatedAt());
        List<GenericKubernetesResource> objects = objects(set);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode o = (ObjectNode) Json.tree(objects.get(i));
            String f = "manifests[" + i + "]";
            errors.addAll(limits.object(o, f));
            String ns = objects.get(i).getMetadata().getNamespace();
            if (!namespaces.contains(ns)) {
                errors.add(new Problem.FieldError(f + ".metadata.namespace", "'" + ns
                        + "' is outside the set's namespaces " + namespaces));
            }
            if (!keys.add(key(Kinds.kubernetesType(o).orElseThrow(), ns, objects.get(i).getMetadata().getName()))) {
                errors.add(new Problem.FieldError(f + ".metadata.name", "the set holds this object twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return set;
    }

    /** The set's objects, parsed like a manifest apply ({@code documents[i]} named {@code manifests[i]}). */
    List<GenericKubernetesResource> objects(DesiredState set) {
        String text = set.manifests().isTextual() ? set.manifests().asText() : set.manifests().toString();
        try {
            return renamed(() -> new ManifestParser(defaultNamespace).parse(text, true));
        } catch (ProblemException e) {
            if (e.problem().errors() == null) {
                throw new ProblemException(Problem.invalid("manifests", e.problem().detail()));
            }
            throw e;
        }
    }

    /**
     * {@code work}, its field errors named as the set's: a manifest apply's {@code documents[i]} and a rollout's
     * {@code manifests.documents[i]} are the set's {@code manifests[i]}.
     */
    static <T> T renamed(Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            Problem p = e.problem();
            if (p.errors() == null) {
                throw e;
            }
            throw new ProblemException(p.withErrors(p.errors().stream().map(x -> x instanceof Problem.FieldError fe
                    ? new Problem.FieldError(renamed(fe.field()), fe.message()) : x).toList()));
        }
    }

    private static String renamed(String field) {
        if (field == null) {
            return "manifests";
        }
        for (String prefix : List.of("manifests.documents", "documents")) {
            if (field.startsWith(prefix)) {
                return "manifests" + field.substring(prefix.length());
            }
        }
        return field;
    }

    /** The set's objects as a sync writes them: each labelled with the set's name, a set prunes its own only. */
    private List<ObjectNode> labelled(DesiredState set) {
        List<ObjectNode> out = new ArrayList<>();
        for (GenericKubernetesResource o : objects(set)) {
            ObjectNode body = (ObjectNode) Json.tree(o);
            body.withObject("/metadata").withObject("/labels").put(SET_LABEL, set.name());
            out.add(body);
        }
        return out;
    }

    /**
     * The body of the rollout a sync with {@code strategy} starts ({@code POST /api/v1/rollouts}): the caller's
     * options (waves, bake, health gate, ...) with the set's clusters, selector and labelled objects. The set gives
     * those: an options body naming them, or any kind's object list, is a 400 naming the field.
     */
    ObjectNode rolloutBody(DesiredState set, String strategy, JsonNode options) {
        if (options != null && !options.isObject()) {
            throw new ProblemException(Problem.invalid("body", "must be a JSON object: the rollout's options "
                    + "(canaryOrder or waves, waitTime, healthGate, onFailure, ...)"));
        }
        ObjectNode body = options == null ? Json.MAPPER.createObjectNode() : options.deepCopy();
        List<String> setGives = new ArrayList<>(RolloutRequest.NOT_OPTIONS);
        Kinds.ALL.forEach(k -> setGives.add(k.names().rolloutField()));
        List<Problem.FieldError> errors = setGives.stream().filter(body::has).map(f -> new Problem.FieldError(f,
                "the set gives its objects and clusters and the query its strategy; the body holds the rollout's "
                        + "other options only")).toList();
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        body.put("strategy", strategy);
        if (set.clusters() != null && !set.clusters().isEmpty()) {
            body.set("clusters", Json.MAPPER.valueToTree(set.clusters()));
        }
        if (set.selector() != null) {
            body.put("selector", set.selector());
        }
        // JSON documents are YAML documents: the rollout parses them as a manifest apply does
        StringBuilder manifests = new StringBuilder();
        for (ObjectNode o : labelled(set)) {
            manifests.append(manifests.isEmpty() ? "" : "---\n").append(o).append('\n');
        }
        body.put("manifests", manifests.toString());
        return body;
    }

    /**
     * The set in every cluster given: one result per object and cluster, with the prune's deletes
     * ({@code prune}); {@code dryRun}: the plan only (the diff).
     */
    Uni<WriteAnswer> apply(DesiredState set, List<Cluster> clusters, boolean dryRun, boolean prune,
            Predicate<String> blind) {
        List<Applier.Write<?>> writes = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (ObjectNode body : labelled(set)) {
            Manifest m = new Manifest(body);
            held.add(key(Kinds.kubernetesType(m.body()).orElseThrow(), m.namespace(), m.name()));
            writes.add(write(m, WriteIntent.createOrUpdate(m)));
        }
        Applier.Options options = new Applier.Options(dryRun, false, null, blind);
        List<Uni<List<WriteResult>>> perCluster = clusters.stream().map(c -> (prune
                ? pruned(c, set, held) : Uni.createFrom().item(List.<Applier.Write<?>>of()))
                .chain(deletes -> {
                    List<Applier.Write<?>> all = new ArrayList<>(writes);
                    all.addAll(deletes);
                    return applier.writeIn(c, all, options);
                })
                .onFailure(ProblemException.class).recoverWithItem(t -> List.of(failed(c, ((ProblemException) t)
                        .problem())))).toList();
        if (perCluster.isEmpty()) {
            return Uni.createFrom().item(WriteAnswer.of(List.of(), dryRun));
        }
        return Uni.join().all(perCluster).andFailFast()
                .map(r -> WriteAnswer.of(r.stream().flatMap(List::stream).toList(), dryRun));
    }

    /**
     * The deletes of a cluster: the objects this set wrote (labelled as the facade's and with {@link #SET_LABEL}
     * naming it) in its namespaces that it no longer holds. Others' objects, the facade's included (a REST write's,
     * another set's, a shared object such as the ai-proxy WasmPlugin), are never pruned.
     */
    private Uni<List<Applier.Write<?>>> pruned(Cluster cluster, DesiredState set, Set<String> held) {
        List<Uni<List<StoredObject>>> lists = new ArrayList<>();
        for (KubernetesType type : Kinds.types()) {
            for (String ns : set.namespaces()) {
                lists.add(kubernetes.list(cluster, type, ns, true)
                        // a type the cluster does not serve (its CRD not installed) holds nothing to prune
                        .onFailure(t -> t instanceof ProblemException p && p.problem().status() == 404
                                && p.problem().upstream() != null)
                        .recoverWithItem(List.of()));
            }
        }
        return Multi.createFrom().iterable(lists).onItem().transformToUniAndConcatenate(u -> u)
                .collect().asList().map(all -> {
                    List<Applier.Write<?>> deletes = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (List<StoredObject> list : all) {
                        for (StoredObject o : list) {
                            KubernetesType type = Kinds.kubernetesType(o.body()).orElse(null);
                            if (type == null) {
                                continue;
                            }
                            String k = key(type, o.address().namespace(), o.address().name());
                            if (held.contains(k) || !seen.add(k) || !set.name().equals(o.body().path("metadata")
                                    .path("labels").path(SET_LABEL).asText(null))) {
                                continue;
                            }
                            Manifest m = new Manifest(o.body());
                            deletes.add(write(m, WriteIntent.delete()));
                        }
                    }
                    return deletes;
                });
    }

    private Applier.Write<Manifest> write(Manifest m, WriteIntent<Manifest> intent) {
        var form = m.form();
        return new Applier.Write<>(new ObjectRef(m.kind(), m.namespace(), m.name()),
                c -> stores.kubernetesOnly(form, c), intent);
    }

    private static String key(KubernetesType type, String namespace, String name) {
        return type + "|" + namespace + "|" + name;
    }

    private static WriteResult failed(Cluster cluster, Problem problem) {
        Problem p = problem.cluster() == null ? problem.withTarget(cluster.name(), null) : problem;
        return new WriteResult(cluster.name(), null, null, null, WriteResult.ERROR, null, null, p, null);
    }
}
