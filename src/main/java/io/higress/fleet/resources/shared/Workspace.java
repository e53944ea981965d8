package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.resources.StoredObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The stored objects one write of an entry kind reads and edits, in one place: the form loads the objects as the
 * store has them, edits copies (several edits of one shared object become one update), and answers every object
 * loaded or created as its parts, so that the {@code Planner} updates the shared objects (carrying their versions),
 * creates the new ones and deletes what the edits removed. Objects loaded only to be read (providers for a route)
 * are not parts.
 */
public final class Workspace {
    private final Map<ObjectAddress, ObjectNode> bodies = new LinkedHashMap<>();
    private final Set<ObjectAddress> parts = new LinkedHashSet<>();

    /** Loads objects that may be edited: each existing one is a part of the write. */
    public Workspace load(Collection<StoredObject> objects) {
        for (StoredObject o : objects) {
            if (o != null && !bodies.containsKey(o.address())) {
                bodies.put(o.address(), o.body().deepCopy());
                parts.add(o.address());
            }
        }
        return this;
    }

    /** The object's body as edited so far, or null when there is none. */
    public ObjectNode get(ObjectAddress address) {
        return bodies.get(address);
    }

    public boolean has(ObjectAddress address) {
        return bodies.containsKey(address);
    }

    /** Creates or replaces an object; it carries the fleet's mark. */
    public ObjectNode put(ObjectAddress address, ObjectNode body) {
        ObjectNode marked = Ownership.labelled(body);
        bodies.put(address, marked);
        parts.add(address);
        return marked;
    }

    /** The object to edit in place (marked as the fleet's), or null when there is none. */
    public ObjectNode edit(ObjectAddress address) {
        ObjectNode body = bodies.get(address);
        if (body != null) {
            ObjectNode marked = Ownership.labelled(body);
            bodies.put(address, marked);
            return marked;
        }
        return null;
    }

    /** The object goes: the plan deletes it if the store has it. */
    public void delete(ObjectAddress address) {
        bodies.remove(address);
    }

    /** Every object loaded or created that still exists, in the order first seen, each labelled by {@code label}. */
    public List<Part> parts(Function<ObjectAddress, String> label) {
        List<Part> out = new ArrayList<>();
        for (ObjectAddress a : parts) {
            ObjectNode body = bodies.get(a);
            if (body != null) {
                out.add(new Part(a, body, label.apply(a)));
            }
        }
        return out;
    }

    /**
     * {@link Form#restored} for an entry in shared objects: the entry as the snapshot had it ({@code before}; null
     * when it had none) written over what the objects hold now, so that others' entries written meanwhile stay; absent
     * then and now, the objects as they are.
     */
    public static <S extends Spec> List<Part> restoredEntry(Form<S> form, S before, String namespace, Copy<S> current,
            Function<ObjectAddress, String> label) {
        if (before != null) {
            return form.parts(before, namespace, current);
        }
        return current.exists() ? form.remainder(namespace, current)
                : new Workspace().load(current.parts()).parts(label);
    }

    /** The label of a part in answers: {@code <Kind>:<name>}. */
    public static String label(ObjectAddress a) {
        return a.type().label() + ":" + a.name();
    }
}
