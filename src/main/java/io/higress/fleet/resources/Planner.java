package io.higress.fleet.resources;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides, per cluster, what a write does to one object: create, update (optimistic: the object to write carries
 * the current resourceVersion), unchanged, or delete, with the field differences for {@code dryRun=true}. Objects
 * without {@code app.kubernetes.io/managed-by: higress-fleet} are only modified with {@code force=true} (409 otherwise).
 */
public final class Planner {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, DELETE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code object} is what to send: the new object (create/update), the current one (delete), or null (unchanged). */
    public record Plan(Action action, List<FieldChange> changes, GenericKubernetesResource object) {
    }

    private Planner() {
    }

    /**
     * @param desired the object as the facade wants it (translated or from a manifest)
     * @param current the cluster's copy, or null when it has none
     */
    public static Plan apply(String cluster, HasMetadata desired, HasMetadata current, boolean force) {
        ObjectNode want = ServerFields.strip((ObjectNode) Json.tree(desired));
        ownershipLabel(want);
        if (current == null) {
            GenericKubernetesResource create = toResource(want);
            return new Plan(Action.CREATE, ObjectDiff.diff(null, create), create);
        }
        sameObject(desired, current);
        requireManaged(cluster, current, force);
        GenericKubernetesResource update = toResource(mergeOntoCurrent(want, (ObjectNode) Json.tree(current)));
        List<FieldChange> changes = ObjectDiff.diff(current, update);
        return changes.isEmpty() ? new Plan(Action.UNCHANGED, changes, null)
                : new Plan(Action.UPDATE, changes, update);
    }

    /** Deleting an absent object is a 404 for that cluster; an unmanaged one needs force. */
    public static Plan delete(String cluster, HasMetadata current, boolean force) {
        if (current == null) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "not found in cluster " + cluster)
                    .withTarget(cluster, null));
        }
        requireManaged(cluster, current, force);
        return new Plan(Action.DELETE, ObjectDiff.diff(current, null), toResource((ObjectNode) Json.tree(current)));
    }

    /**
     * Desired content over the current metadata: keeps uid/resourceVersion/finalizers and labels or annotations other
     * tools set (the console's {@code higress.io/*} labels), replaces everything outside metadata.
     */
    private static ObjectNode mergeOntoCurrent(ObjectNode want, ObjectNode current) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("apiVersion", want.get("apiVersion"));
        out.set("kind", want.get("kind"));
        ObjectNode meta = ((ObjectNode) current.get("metadata")).deepCopy();
        meta.remove("managedFields");
        for (String k : List.of("labels", "annotations")) {
            JsonNode add = want.path("metadata").get(k);
            if (add != null && add.isObject() && !add.isEmpty()) {
                ObjectNode merged = meta.get(k) instanceof ObjectNode o ? o : meta.putObject(k);
                merged.setAll((ObjectNode) add);
            }
        }
        out.set("metadata", meta);
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!out.has(k)) {
                out.set(k, want.get(k));
            }
        }
        return out;
    }

    private static void ownershipLabel(ObjectNode o) {
        ObjectNode meta = o.get("metadata") instanceof ObjectNode m ? m : o.putObject("metadata");
        ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
        labels.put(Ownership.LABEL, Ownership.VALUE);
    }

    private static void requireManaged(String cluster, HasMetadata current, boolean force) {
        if (!force && !Ownership.isManaged(current)) {
            String what = current.getKind() + " " + current.getMetadata().getNamespace() + "/"
                    + current.getMetadata().getName();
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, what + " in cluster " + cluster
                    + " is not managed by higress-fleet (no label " + Ownership.LABEL + "=" + Ownership.VALUE + ")")
                    .withTarget(cluster, null)
                    .withHint("pass force=true to take the object over"));
        }
    }

    private static void sameObject(HasMetadata a, HasMetadata b) {
        if (!Objects.equals(a.getKind(), b.getKind())
                || !Objects.equals(a.getMetadata().getName(), b.getMetadata().getName())
                || !Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())) {
            throw new IllegalArgumentException("desired and current are different objects");
        }
    }

    private static GenericKubernetesResource toResource(ObjectNode tree) {
        return Json.MAPPER.convertValue(tree, GenericKubernetesResource.class);
    }
}
