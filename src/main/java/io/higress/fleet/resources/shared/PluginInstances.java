package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plugin instances inside one WasmPlugin, as the Higress Console reads and writes them
 * (KubernetesModelConverter: getWasmPluginInstanceFromCr, setWasmPluginInstanceToCr,
 * removeWasmPluginInstanceFromCr, the match rules' order): the GLOBAL instance is {@code spec.defaultConfig} with
 * {@code defaultConfigDisable}; an instance at route / domain / service targets is the {@code matchRules} entry
 * with those lists ({@code ingress}, {@code domain}, {@code service}), {@code configDisable} and {@code config}.
 * A disabled instance without configuration counts as absent. Map entries whose value is null are left out, as
 * the console's JSON writer leaves them out.
 */
public final class PluginInstances {

    /** An instance's targets: null for the GLOBAL one's fields; one name per given scope. */
    @RegisterForReflection
    public record Targets(String domain, String ingress, String service) {
        public static final Targets GLOBAL = new Targets(null, null, null);

        public static Targets route(String ingress) {
            return new Targets(null, ingress, null);
        }

        public static Targets service(String service) {
            return new Targets(null, null, service);
        }

        public static Targets routeAndService(String ingress, String service) {
            return new Targets(null, ingress, service);
        }

        boolean global() {
            return domain == null && ingress == null && service == null;
        }
    }

    /** One instance: enabled and its configuration (an object, possibly empty). */
    @RegisterForReflection
    public record Instance(boolean enabled, ObjectNode config) {
    }

    private PluginInstances() {
    }

    /**
     * The instance at exactly these targets (for a route and service pair: the rule naming both), or null when it is
     * not configured. A rule matches when, for every given scope, it names that one target only.
     */
    public static Instance get(ObjectNode cr, Targets t) {
        JsonNode spec = cr.path("spec");
        if (t.global()) {
            boolean enabled = !spec.path("defaultConfigDisable").asBoolean(false);
            ObjectNode config = spec.get("defaultConfig") instanceof ObjectNode c ? c.deepCopy()
                    : Json.MAPPER.createObjectNode();
            return !enabled && config.isEmpty() ? null : new Instance(enabled, config);
        }
        for (JsonNode rule : spec.path("matchRules")) {
            if (matches(rule, t)) {
                boolean enabled = !rule.path("configDisable").asBoolean(false);
                ObjectNode config = rule.get("config") instanceof ObjectNode c ? c.deepCopy()
                        : Json.MAPPER.createObjectNode();
                return !enabled && config.isEmpty() ? null : new Instance(enabled, config);
            }
        }
        return null;
    }

    /** Every configured instance at route/domain/service targets, one per target combination of each rule. */
    public static List<Map.Entry<Targets, Instance>> rules(ObjectNode cr) {
        List<Map.Entry<Targets, Instance>> out = new ArrayList<>();
        for (JsonNode rule : cr.path("spec").path("matchRules")) {
            boolean enabled = !rule.path("configDisable").asBoolean(false);
            ObjectNode config = rule.get("config") instanceof ObjectNode c ? c.deepCopy()
                    : Json.MAPPER.createObjectNode();
            if (!enabled && config.isEmpty()) {
                continue;
            }
            for (String d : orNull(rule.path("domain"))) {
                for (String i : orNull(rule.path("ingress"))) {
                    for (String s : orNull(rule.path("service"))) {
                        out.add(Map.entry(new Targets(d, i, s), new Instance(enabled, config)));
                    }
                }
            }
        }
        return out;
    }

    /** Sets the instance at these targets (replacing the rule with the same target lists), as the console does. */
    public static void set(ObjectNode cr, Targets t, boolean enabled, ObjectNode config) {
        ObjectNode spec = ConsolePlugins.spec(cr);
        ObjectNode clean = config == null ? null : withoutNulls(config);
        if (t.global()) {
            spec.put("defaultConfigDisable", !enabled);
            if (clean == null) {
                spec.remove("defaultConfig");
            } else {
                spec.set("defaultConfig", clean);
            }
        } else {
            ObjectNode rule = Json.MAPPER.createObjectNode();
            rule.put("configDisable", !enabled);
            if (clean != null) {
                rule.set("config", clean);
            }
            if (t.domain() != null) {
                rule.putArray("domain").add(t.domain());
            }
            if (t.ingress() != null) {
                rule.putArray("ingress").add(t.ingress());
            }
            if (t.service() != null) {
                rule.putArray("service").add(t.service());
            }
            ArrayNode rules = spec.get("matchRules") instanceof ArrayNode a ? a : spec.putArray("matchRules");
            for (Iterator<JsonNode> it = rules.iterator(); it.hasNext(); ) {
                if (keyEquals(it.next(), rule)) {
                    it.remove();
                }
            }
            rules.add(rule);
        }
        sort(spec);
        ConsolePlugins.render(cr);
    }

    /**
     * Removes the instances at these targets: from every rule naming all of them, the targets are removed, and a
     * rule left without one of its lists goes; the GLOBAL instance is disabled and unconfigured. Whether it changed.
     */
    public static boolean remove(ObjectNode cr, Targets t) {
        ObjectNode spec = ConsolePlugins.spec(cr);
        if (t.global()) {
            spec.put("defaultConfigDisable", true);
            spec.remove("defaultConfig");
            ConsolePlugins.render(cr);
            return true;
        }
        if (!(spec.get("matchRules") instanceof ArrayNode rules)) {
            return false;
        }
        boolean changed = false;
        for (Iterator<JsonNode> it = rules.iterator(); it.hasNext(); ) {
            ObjectNode rule = (ObjectNode) it.next();
            if (!contains(rule, "domain", t.domain()) || !contains(rule, "ingress", t.ingress())
                    || !contains(rule, "service", t.service())) {
                continue;
            }
            boolean emptied = removeFrom(rule, "domain", t.domain()) | removeFrom(rule, "ingress", t.ingress())
                    | removeFrom(rule, "service", t.service());
            if (emptied) {
                it.remove();
            }
            changed = true;
        }
        if (changed) {
            ConsolePlugins.render(cr);
        }
        return changed;
    }

    private static boolean matches(JsonNode rule, Targets t) {
        return single(rule, "domain", t.domain()) && single(rule, "ingress", t.ingress())
                && single(rule, "service", t.service());
    }

    private static boolean single(JsonNode rule, String field, String target) {
        if (target == null) {
            return true;
        }
        JsonNode list = rule.path(field);
        return list.size() == 1 && target.equals(list.get(0).asText());
    }

    private static boolean contains(JsonNode rule, String field, String target) {
        if (target == null) {
            return true;
        }
        for (JsonNode n : rule.path(field)) {
            if (target.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the target from the rule's list; whether the list is empty now. */
    private static boolean removeFrom(ObjectNode rule, String field, String target) {
        if (target == null || !(rule.get(field) instanceof ArrayNode list)) {
            return false;
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            if (target.equals(list.get(i).asText())) {
                list.remove(i);
                return list.isEmpty();
            }
        }
        return false;
    }

    private static boolean keyEquals(JsonNode a, JsonNode b) {
        return sameSet(a.path("domain"), b.path("domain")) && sameSet(a.path("ingress"), b.path("ingress"))
                && sameSet(a.path("service"), b.path("service"));
    }

    private static boolean sameSet(JsonNode a, JsonNode b) {
        return Objects.equals(sorted(a), sorted(b));
    }

    private static List<String> sorted(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Service rules first, then route rules, then domain rules, each by their lists; the console's order. */
    private static void sort(ObjectNode spec) {
        if (!(spec.get("matchRules") instanceof ArrayNode rules)) {
            return;
        }
        List<JsonNode> list = new ArrayList<>();
        rules.forEach(list::add);
        list.sort(PluginInstances::compare);
        rules.removeAll();
        list.forEach(rules::add);
    }

    private static int compare(JsonNode r1, JsonNode r2) {
        boolean d1 = !r1.path("domain").isEmpty();
        boolean d2 = !r2.path("domain").isEmpty();
        boolean i1 = !r1.path("ingress").isEmpty();
        boolean i2 = !r2.path("ingress").isEmpty();
        boolean s1 = !r1.path("service").isEmpty();
        boolean s2 = !r2.path("service").isEmpty();
        boolean empty1 = !d1 && !i1 && !s1;
        boolean empty2 = !d2 && !i2 && !s2;
        if (empty1 || empty2) {
            return empty1 == empty2 ? 0 : empty1 ? 1 : -1;
        }
        if (s1 != s2) {
            return s1 ? -1 : 1;
        }
        if (s1) {
            int c = compareLists(r1.path("service"), r2.path("service"));
            if (c != 0) {
                return c;
            }
        }
        if (i1 != i2) {
            return i1 ? -1 : 1;
        }
        if (i1) {
            int c = compareLists(r1.path("ingress"), r2.path("ingress"));
            if (c != 0) {
                return c;
            }
        }
        if (d1 != d2) {
            return d1 ? 1 : -1;
        }
        return d1 ? compareLists(r1.path("domain"), r2.path("domain")) : 0;
    }

    private static int compareLists(JsonNode l1, JsonNode l2) {
        for (int i = 0, n = Math.max(l1.size(), l2.size()); i < n; ++i) {
            if (i >= l1.size()) {
                return -1;
            }
            if (i >= l2.size()) {
                return 1;
            }
            int c = l1.get(i).asText().compareTo(l2.get(i).asText());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<String> orNull(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        if (out.isEmpty()) {
            out.add(null);
        }
        return out;
    }

    /** A copy without null map values, deeply (lists keep their elements). */
    static ObjectNode withoutNulls(ObjectNode o) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        o.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                return;
            }
            out.set(f.getKey(), f.getValue() instanceof ObjectNode child ? withoutNulls(child) : f.getValue());
        });
        return out;
    }
}
