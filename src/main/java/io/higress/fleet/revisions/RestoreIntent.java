package io.higress.fleet.revisions;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.Planner;
import io.higress.fleet.resources.ServerFields;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteIntent;
import java.util.ArrayList;
import java.util.List;

/**
 * A revision's restore: the object's stored objects as they were before the revision's write (none: it did not
 * exist, so it is deleted), through its form's {@link Form#restored} like a rollout's rollback (an entry in shared
 * objects puts back only its entry). The revision's secrets are redacted: each is taken from the cluster's current
 * copy ({@link SecretFields#filled}); one the cluster no longer holds refuses the restore (422 naming the field).
 * The server's metadata of then (version, uid) is dropped: the current version is carried by the plan.
 */
final class RestoreIntent<S extends Spec> implements WriteIntent<S> {
    private final String id;
    private final List<StoredObject> previous;
    private final S hint;
    private final SecretFields secrets;

    RestoreIntent(String id, List<StoredObject> previous, S hint, SecretFields secrets) {
        this.secrets = secrets;
        this.id = id;
        this.previous = previous;
        this.hint = hint;
    }

    @Override
    public Planner.Plan plan(String cluster, ObjectRef ref, Form<S> form, Copy<S> current, Planner.Rules rules) {
        List<StoredObject> now = new ArrayList<>(current.parts());
        now.addAll(current.others());
        List<StoredObject> filled = secrets.filled(previous, now).stream()
                .map(o -> new StoredObject(o.address(), ServerFields.strip(o.body().deepCopy()), o.version()))
                .toList();
        List<Part> parts = form.restored(filled, ref.namespace(), current);
        List<Problem.FieldError> missing = new ArrayList<>();
        for (Part p : parts) {
            for (String at : SecretFields.redactedFields(p.body())) {
                missing.add(new Problem.FieldError(p.address().name() + at, "the revision holds this "
                        + "value redacted and cluster " + cluster + " holds none to keep"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, "revision " + id + " cannot restore "
                            + ref + " in cluster " + cluster + ": its secret values were never stored and the "
                            + "cluster no longer holds them")
                    .withTarget(cluster, null).withErrors(missing)
                    .withHint("write the object with its secrets through its endpoint instead"));
        }
        return Planner.apply(cluster, current, parts, rules);
    }

    @Override
    public S hint() {
        return hint;
    }

    @Override
    public boolean limited() {
        return false; // it puts back what was written within the limits then
    }
}
