package io.higress.fleet.admin.routes;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds the gateways' routes into one row per route configuration + virtual host + match, as each gateway's dump
 * ends (so a gateway's routes are dropped once counted): per row the variants (action, upstreams, domains, version)
 * and the gateways holding each. A gateway that answered without the row is its {@code missing} variant. Not
 * thread-safe: fed from one fan-out's items, one at a time.
 */
final class RouteTable {

    @RegisterForReflection
    private record Key(String routeConfig, String virtualHost, String match) {
    }

    /** What a gateway's copy of a row says; {@code missing} for a gateway without it. */
    @RegisterForReflection
    private record Form(boolean missing, String action, List<Upstream> upstreams, List<String> domains,
            String version) {
        static final Form MISSING = new Form(true, null, null, null, null);

        Form acrossClusters() {
            return new Form(missing, action, upstreams, domains, null);
        }
    }

    private static final class Row {
        final JsonNode match;
        final String route;
        int index;
        final Map<String, Form> byGateway = new HashMap<>();

        Row(RouteEntry r) {
            this.match = r.match();
            this.route = r.name();
            this.index = r.index();
        }
    }

    private final Map<Key, Row> rows = new HashMap<>();
    /** Per cluster, the gateways whose dump was read. */
    private final Map<String, Set<String>> answered = new TreeMap<>();

    void add(String cluster, String gateway, List<VirtualHostRoutes> hosts) {
        answered.computeIfAbsent(cluster, c -> new TreeSet<>()).add(gateway);
        String ref = cluster + "/" + gateway;
        for (VirtualHostRoutes h : hosts) {
            for (RouteEntry r : h.routes()) {
                Key key = new Key(h.routeConfig(), h.virtualHost(), Canonical.of(r.match()));
                Row row = rows.computeIfAbsent(key, k -> new Row(r));
                row.index = Math.min(row.index, r.index());
                // A second route with the same match in one virtual host is never reached: the first one counts.
                row.byGateway.putIfAbsent(ref, new Form(false, r.action(), r.upstreams(), h.domains(), h.version()));
            }
        }
    }

    List<RouteRow> rows() {
        return rows.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, Row>, String>comparing(e -> Objects.toString(e.getKey().routeConfig(), ""))
                        .thenComparing(e -> Objects.toString(e.getKey().virtualHost(), ""))
                        .thenComparingInt(e -> e.getValue().index)
                        .thenComparing(e -> e.getKey().match()))
                .map(e -> row(e.getKey(), e.getValue())).toList();
    }

    private RouteRow row(Key key, Row row) {
        // Every answered gateway's form, missing included, by cluster.
        Map<String, Map<String, Form>> forms = new TreeMap<>();
        answered.forEach((cluster, gateways) -> gateways.forEach(g -> forms.computeIfAbsent(cluster, c -> new TreeMap<>())
                .put(g, row.byGateway.getOrDefault(cluster + "/" + g, Form.MISSING))));
        Form fleet = mostCommon(row.byGateway.values());
        Map<String, List<String>> holders = new TreeMap<>();
        forms.forEach((cluster, gws) -> gws.forEach((g, f) -> {
            if (!f.missing()) {
                holders.computeIfAbsent(cluster, c -> new ArrayList<>()).add(g);
            }
        }));

        Set<String> differs = new LinkedHashSet<>();
        List<RouteRow.Difference> differences = new ArrayList<>();
        Map<String, Form> clusterForms = new TreeMap<>();
        forms.forEach((cluster, gws) -> {
            Form majority = mostCommon(gws.values());
            clusterForms.put(cluster, majority.acrossClusters());
            Set<String> what = new TreeSet<>();
            gws.values().forEach(f -> what.addAll(aspects(majority, f)));
            if (!what.isEmpty()) {
                differs.add("gateways");
                differences.add(new RouteRow.Difference("gateways", cluster, List.copyOf(what)));
            }
        });
        Form fleetAcross = mostCommon(clusterForms.values());
        Set<String> across = new TreeSet<>();
        clusterForms.values().forEach(f -> across.addAll(aspects(fleetAcross, f)));
        if (!across.isEmpty()) {
            differs.add("clusters");
            differences.add(new RouteRow.Difference("clusters", null, List.copyOf(across)));
        }
        return new RouteRow(key.routeConfig(), key.virtualHost(), row.match, row.route, fleet.action(),
                fleet.upstreams(), fleet.domains(), fleet.version(), List.copyOf(holders.keySet()), holders,
                differs.isEmpty() ? null : List.copyOf(differs), differences.isEmpty() ? null : differences,
                differs.isEmpty() ? null : variants(forms));
    }

    private static List<RouteRow.Variant> variants(Map<String, Map<String, Form>> forms) {
        Map<Form, Map<String, List<String>>> byForm = new LinkedHashMap<>();
        forms.forEach((cluster, gws) -> gws.forEach((g, f) -> byForm.computeIfAbsent(f, x -> new TreeMap<>())
                .computeIfAbsent(cluster, c -> new ArrayList<>()).add(g)));
        return byForm.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Form, Map<String, List<String>>> e) ->
                        -e.getValue().values().stream().mapToInt(List::size).sum()))
                .map(e -> {
                    Form f = e.getKey();
                    return new RouteRow.Variant(f.missing() ? Boolean.TRUE : null, f.action(), f.upstreams(),
                            f.domains(), f.version(), e.getValue());
                }).toList();
    }

    /** The form most gateways have; on a tie, one that has the row, then the first in a stable order. */
    private static Form mostCommon(java.util.Collection<Form> forms) {
        Map<Form, Integer> counts = new HashMap<>();
        forms.forEach(f -> counts.merge(f, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<Form, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> !e.getKey().missing())
                        .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(Form.MISSING);
    }

    private static Set<String> aspects(Form a, Form b) {
        Set<String> what = new HashSet<>();
        if (a.missing() != b.missing()) {
            what.add("presence");
            return what;
        }
        if (a.missing()) {
            return what;
        }
        if (!Objects.equals(a.action(), b.action()) || !Objects.equals(a.upstreams(), b.upstreams())) {
            what.add("upstreams");
        }
        if (!Objects.equals(a.domains(), b.domains())) {
            what.add("domains");
        }
        if (!Objects.equals(a.version(), b.version())) {
            what.add("version");
        }
        return what;
    }
}
