package io.higress.fleet.resources;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides, per cluster, what a write does to one object: the object's {@link Action} and the stored objects to send
 * ({@link Op}s), with the field differences. Pure: from the cluster's {@link Copy} and the desired {@link Part}s.
 * Each desired part is created where absent or updated over its current copy (carrying its version: a concurrent
 * change is a 409); current parts no longer desired are deleted (last first). Objects without the fleet's mark are
 * only modified with {@code force=true} (409 otherwise). For a caller who may not read secrets, secret fields are
 * never compared with the stored values ({@link Rules#blind}).
 */
public final class Planner {

    public enum Action {
        CREATE, UPDATE, UNCHANGED, DELETE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The write answer's status once done: created, updated, unchanged, deleted. */
        public String done() {
            return switch (this) {
                case CREATE -> "created";
                case UPDATE -> "updated";
                case UNCHANGED -> "unchanged";
                case DELETE -> "deleted";
            };
        }
    }

    /** One stored object to send. {@code version}: the current one's (updates and deletes). */
    @RegisterForReflection
    public record Op(Action action, ObjectAddress address, ObjectNode body, String version, String label,
            ObjectNode before) {
    }

    @RegisterForReflection
    public record Plan(Action action, List<FieldChange> changes, List<Op> ops) {
    }

    /**
     * How a plan is made. {@code force}: take over objects without the fleet's mark. {@code blind}, when set (a
     * non-admin's write): the keys whose values are never compared with the stored ones. Each such field the write
     * holds is planned as a change even where it equals the stored value, so that neither a dry run nor an answer's
     * {@code unchanged} can confirm a guess of a secret the caller may not read.
     */
    @RegisterForReflection
    public record Rules(boolean force, Predicate<String> blind) {
        public static Rules of(boolean force) {
            return new Rules(force, null);
        }
    }

    private Planner() {
    }

    /** The desired parts over the current copy. */
    public static <S extends Spec> Plan apply(String cluster, Copy<S> current, List<Part> desired, boolean force) {
        return apply(cluster, current, desired, Rules.of(force));
    }

    /** The desired parts over the current copy. */
    public static <S extends Spec> Plan apply(String cluster, Copy<S> current, List<Part> desired, Rules rules) {
        if (current.exists() || !current.parts().isEmpty()) {
            requireManaged(cluster, current, rules.force());
        }
        Map<ObjectAddress, StoredObject> now = new LinkedHashMap<>();
        current.parts().forEach(p -> now.put(p.address(), p));
        List<Op> ops = new ArrayList<>();
        List<FieldChange> changes = new ArrayList<>();
        Map<ObjectAddress, String> labels = new LinkedHashMap<>();
        for (Part want : desired) {
            labels.put(want.address(), want.label());
            StoredObject cur = now.remove(want.address());
            if (cur == null) {
                cur = other(cluster, current, want.address(), rules.force());
            }
            StoredType type = want.address().type();
            if (cur == null) {
                ops.add(new Op(Action.CREATE, want.address(), want.body(), null, want.label(), null));
                changes.addAll(prefixed(want.label(), ObjectDiff.diff(type.content(null), type.content(want.body()))));
                continue;
            }
            ObjectNode body = type.overCurrent(want.body(), cur);
            ObjectNode from = type.content(cur.body());
            ObjectNode to = type.content(body);
            List<FieldChange> diff = ObjectDiff.diff(from, to);
            if (rules.blind() != null) {
                diff = new ArrayList<>(diff);
                blindSecrets("", from, to, rules.blind(), diff);
            }
            if (!diff.isEmpty()) {
                ops.add(new Op(Action.UPDATE, want.address(), body, cur.version(), want.label(), cur.body()));
                changes.addAll(prefixed(want.label(), diff));
            }
        }
        List<StoredObject> gone = new ArrayList<>(now.values());
        Collections.reverse(gone);
        for (StoredObject cur : gone) {
            String label = labelOf(current, cur, labels);
            ops.add(new Op(Action.DELETE, cur.address(), cur.body(), cur.version(), label, cur.body()));
            StoredType type = cur.address().type();
            changes.addAll(prefixed(label, ObjectDiff.diff(type.content(cur.body()), type.content(null))));
        }
        Action action = ops.isEmpty() ? Action.UNCHANGED
                : !current.exists() ? Action.CREATE
                : desired.isEmpty() ? Action.DELETE : Action.UPDATE;
        return new Plan(action, changes, ops);
    }

    /** Every secret field of {@code to} is one change, whether it differs or not (see {@link Rules}). */
    private static void blindSecrets(String path, JsonNode from, JsonNode to, Predicate<String> secret,
            List<FieldChange> diff) {
        if (to == null) {
            return;
        }
        if (to.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = path + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                JsonNode before = from == null ? null : from.get(f.getKey());
                if (!secret.test(f.getKey())) {
                    blindSecrets(at, before, f.getValue(), secret, diff);
                } else {
                    // one change at the key, whatever differs below it: its shape must not tell a right guess either
                    int first = diff.size();
                    for (int i = diff.size() - 1; i >= 0; i--) {
                        String p = diff.get(i).path();
                        if (p.equals(at) || p.startsWith(at + "/")) {
                            diff.remove(i);
                            first = i;
                        }
                    }
                    diff.add(Math.min(first, diff.size()), new FieldChange(at, before, f.getValue()));
                }
            }
        } else if (to.isArray()) {
            for (int i = 0; i < to.size(); i++) {
                blindSecrets(path + "/" + i, from == null ? null : from.get(i), to.get(i), secret, diff);
            }
        }
    }

    /** Deleting an absent object is a 404 for that cluster; an unmanaged one needs force. */
    public static <S extends Spec> Plan delete(String cluster, ObjectRef ref, Copy<S> current, boolean force) {
        return delete(cluster, ref, current, force, List.of());
    }

    /**
     * The same, where {@code remaining} is what stays of the object's parts (an entry's shared objects without it,
     * {@link Form#remainder}): those are updated, the other parts deleted, and the action is a delete.
     */
    public static <S extends Spec> Plan delete(String cluster, ObjectRef ref, Copy<S> current, boolean force,
            List<Part> remaining) {
        if (!current.exists()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, ref + " does not exist in cluster " + cluster)
                    .withTarget(cluster, null));
        }
        Plan plan = apply(cluster, current, remaining, force);
        return new Plan(Action.DELETE, plan.changes(), plan.ops());
    }

    /** The changes of the parts the upstream answered, in the same form as the plan's (and as blind). */
    public static List<FieldChange> answered(Op op, ObjectNode answer, Predicate<String> blind) {
        StoredType type = op.address().type();
        ObjectNode from = type.content(op.before());
        ObjectNode to = type.content(answer);
        List<FieldChange> diff = ObjectDiff.diff(from, to);
        if (blind != null && op.before() != null && answer != null) {
            diff = new ArrayList<>(diff);
            blindSecrets("", from, to, blind, diff);
        }
        return prefixed(op.label(), diff);
    }

    private static String labelOf(Copy<?> current, StoredObject part, Map<ObjectAddress, String> labels) {
        return labels.getOrDefault(part.address(), current.parts().size() > 1 ? part.address().name() : null);
    }

    static List<FieldChange> prefixed(String label, List<FieldChange> changes) {
        if (label == null) {
            return changes;
        }
        String prefix = "/" + label.replace("~", "~0").replace("/", "~1");
        return changes.stream().map(c -> new FieldChange(prefix + c.path(), c.from(), c.to())).toList();
    }

    private static void requireManaged(String cluster, Copy<?> current, boolean force) {
        if (!force && !current.managed()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, what(current) + " in cluster " + cluster
                            + " is not managed by higress-fleet (it lacks the fleet's mark, " + Ownership.LABEL + "="
                            + Ownership.VALUE + ")")
                    .withTarget(cluster, null)
                    .withHint("pass force=true to take the object over"));
        }
    }

    /**
     * Another's object where the write would put one of its parts ({@link Copy#others}): a 409 naming it, unless
     * {@code force} takes it over (null: there is none).
     */
    private static StoredObject other(String cluster, Copy<?> current, ObjectAddress address, boolean force) {
        StoredObject o = current.others().stream().filter(x -> x.address().equals(address)).findFirst().orElse(null);
        if (o == null || force) {
            return o;
        }
        String owner = o.body().path("metadata").path("labels").path(Ownership.LABEL).asText(null);
        throw new ProblemException(Problem.of(ProblemType.CONFLICT, address + " in cluster " + cluster + " exists and "
                        + "is not " + current.name() + "'s: it is "
                        + (owner == null ? "not managed by higress-fleet (no " + Ownership.LABEL + " label)"
                                : Ownership.VALUE.equals(owner) ? "higress-fleet's but not written as this kind"
                                : "managed by " + owner)
                        + ", and the write would replace it")
                .withTarget(cluster, null)
                .withHint("pass force=true to take it over (it is rewritten as this object), or delete or rename it "
                        + "first"));
    }

    private static String what(Copy<?> current) {
        String kind = current.parts().isEmpty() ? "" : current.parts().get(0).address().type().label() + " ";
        return kind + (current.namespace() == null ? "" : current.namespace() + "/") + current.name();
    }
}
