package io.higress.fleet.admin.consistency;

import io.higress.fleet.admin.configdump.ConfigDumpSummary;
import io.higress.fleet.admin.configdump.ConfigSection;
import io.higress.fleet.admin.configdump.ResourceSummary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the config_dump summaries of many gateways. Per section, a gateway's hash is the SHA-256 of its sorted
 * {@code group/name → resource hash} map (so {@code version_info} and timestamps do not count, content does);
 * a gateway that lacks the section has the hash of the empty map. The fleet majority breaks ties by the smallest
 * hash; a cluster's majority breaks ties in favour of the fleet majority, then the smallest hash. The result does
 * not depend on input order.
 */
public final class ConsistencyAnalyzer {

    /** Report section → config_dump section kinds it covers. */
    public static final Map<String, List<String>> DEFAULT_SECTIONS = defaultSections();

    private final Map<String, List<String>> sections;

    public ConsistencyAnalyzer() {
        this(DEFAULT_SECTIONS);
    }

    public ConsistencyAnalyzer(Map<String, List<String>> sections) {
        this.sections = new LinkedHashMap<>(sections);
    }

    private static Map<String, List<String>> defaultSections() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("listeners", List.of(ConfigSection.LISTENERS));
        m.put("routes", List.of(ConfigSection.ROUTES, ConfigSection.SCOPED_ROUTES));
        m.put("clusters", List.of(ConfigSection.CLUSTERS));
        m.put("secrets", List.of(ConfigSection.SECRETS));
        return Collections.unmodifiableMap(m);
    }

    public ConsistencyReport analyze(Map<GatewayRef, ConfigDumpSummary> dumps) {
        Map<GatewayRef, ConfigDumpSummary> sorted = new TreeMap<>(dumps);
        List<SectionConsistency> result = new ArrayList<>();
        sections.forEach((name, kinds) -> result.add(section(name, kinds, sorted)));
        return new ConsistencyReport(sorted.size(), List.copyOf(result));
    }

    private SectionConsistency section(String name, List<String> kinds, Map<GatewayRef, ConfigDumpSummary> dumps) {
        Map<GatewayRef, Map<String, String>> resources = new TreeMap<>();
        Map<GatewayRef, String> hashes = new TreeMap<>();
        dumps.forEach((gateway, dump) -> {
            Map<String, String> byKey = new TreeMap<>();
            for (String kind : kinds) {
                for (ResourceSummary r : dump.resources(kind)) {
                    byKey.put(r.key(), r.hash());
                }
            }
            resources.put(gateway, byKey);
            hashes.put(gateway, hashOf(byKey));
        });

        List<HashGroup> groups = groups(hashes);
        String fleetMajority = groups.isEmpty() ? null : groups.get(0).hash();
        Map<String, Map<GatewayRef, String>> byCluster = new TreeMap<>();
        hashes.forEach((g, h) -> byCluster.computeIfAbsent(g.cluster(), c -> new TreeMap<>()).put(g, h));

        List<ClusterConsistency> clusters = new ArrayList<>();
        List<GatewayRef> outliers = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        byCluster.forEach((cluster, members) -> {
            String majority = clusterMajority(groups(members), fleetMajority);
            List<GatewayRef> clusterOutliers = members.entrySet().stream()
                    .filter(e -> !e.getValue().equals(majority)).map(Map.Entry::getKey).toList();
            boolean matchesFleet = majority.equals(fleetMajority);
            clusters.add(new ClusterConsistency(cluster, majority, members.size(), matchesFleet, clusterOutliers));
            outliers.addAll(clusterOutliers);
            if (!matchesFleet) {
                differing.add(cluster);
            }
        });
        return new SectionConsistency(name, groups.size() <= 1, fleetMajority, groups, List.copyOf(clusters),
                List.copyOf(outliers), List.copyOf(differing), drift(resources));
    }

    /** The largest group's hash; on a tie the fleet majority if it is among the tied, else the smallest hash. */
    private static String clusterMajority(List<HashGroup> groups, String fleetMajority) {
        int top = groups.get(0).gateways().size();
        return groups.stream().filter(g -> g.gateways().size() == top).map(HashGroup::hash)
                .filter(h -> h.equals(fleetMajority)).findFirst().orElse(groups.get(0).hash());
    }

    /** Groups gateways by hash: largest group first, ties by smallest hash. */
    private static List<HashGroup> groups(Map<GatewayRef, String> hashes) {
        Map<String, List<GatewayRef>> byHash = new TreeMap<>();
        hashes.forEach((g, h) -> byHash.computeIfAbsent(h, k -> new ArrayList<>()).add(g));
        List<HashGroup> groups = new ArrayList<>();
        byHash.forEach((h, gs) -> groups.add(new HashGroup(h, List.copyOf(gs))));
        groups.sort(Comparator.comparingInt((HashGroup g) -> -g.gateways().size()).thenComparing(HashGroup::hash));
        return List.copyOf(groups);
    }

    private static List<ResourceDrift> drift(Map<GatewayRef, Map<String, String>> resources) {
        TreeSet<String> keys = new TreeSet<>();
        resources.values().forEach(m -> keys.addAll(m.keySet()));
        List<ResourceDrift> drift = new ArrayList<>();
        for (String key : keys) {
            Map<GatewayRef, String> present = new TreeMap<>();
            List<GatewayRef> missing = new ArrayList<>();
            resources.forEach((g, m) -> {
                String h = m.get(key);
                if (h == null) {
                    missing.add(g);
                } else {
                    present.put(g, h);
                }
            });
            List<HashGroup> variants = groups(present);
            if (!missing.isEmpty() || variants.size() > 1) {
                drift.add(new ResourceDrift(key, List.copyOf(missing), variants));
            }
        }
        return List.copyOf(drift);
    }

    static String hashOf(Map<String, String> sortedResources) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sortedResources.forEach((k, h) -> {
            digest.update(k.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(h.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
