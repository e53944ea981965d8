package io.higress.fleet.cluster;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The registered clusters, validated at startup, and targeting: the one implementation of {@code clusters=} and
 * {@code selector=} used by every fan-out and every write.
 */
@Startup
@ApplicationScoped
public class ClusterRegistry {
    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    private final Map<String, Cluster> clusters;

    public ClusterRegistry(FleetConfig config) {
        List<String> errors = new ArrayList<>(FleetFileCheck.duplicateKeys(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.config.locations", String.class).orElse(null)));
        errors.addAll(FleetConfigValidator.validate(config));
        if (!errors.isEmpty()) {
            throw new FleetConfigurationException(errors);
        }
        Map<String, Cluster> byName = new TreeMap<>();
        config.clusters().forEach((name, c) -> byName.put(name, new Cluster(name, Map.copyOf(c.labels()), c)));
        this.clusters = java.util.Collections.unmodifiableMap(byName);
        if (clusters.isEmpty()) {
            LOG.warn("No cluster is configured under fleet.clusters: every fleet call will select nothing");
        } else {
            LOG.infof("Fleet of %d cluster(s): %s", clusters.size(), String.join(", ", clusters.keySet()));
        }
    }

    public Collection<Cluster> all() {
        return clusters.values();
    }

    public Optional<Cluster> find(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** The named cluster, or a 404 problem. */
    public Cluster get(String name) {
        Cluster c = clusters.get(name);
        if (c == null) {
            throw new ProblemException(unknown(name));
        }
        return c;
    }

    private static Problem unknown(String name) {
        return Problem.of(ProblemType.NOT_FOUND, "unknown cluster '" + name + "'")
                .withHint("GET /api/v1/clusters lists the registered clusters");
    }

    /**
     * Resolves a request's targets. Both given: intersection; neither: all clusters. Unknown name: 404; malformed
     * selector: 400; nothing selected: 400.
     */
    public List<Cluster> select(String clustersParam, String selectorParam) {
        // Given but empty is not "not given": ?clusters=$TARGET with TARGET unset must not reach every cluster.
        for (String[] p : new String[][] {{"clusters", clustersParam}, {"selector", selectorParam}}) {
            if (p[1] != null && p[1].isBlank()) {
                throw new ProblemException(Problem.invalid(p[0], "is empty; give a value, or leave the parameter out "
                        + "to target every cluster"));
            }
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(selectorParam);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("selector", e.getMessage()));
        }
        List<Cluster> out = new ArrayList<>();
        if (clustersParam != null) {
            for (String name : Arrays.stream(clustersParam.split(",")).map(String::trim).distinct().toList()) {
                if (!Names.isDns1123Label(name)) {
                    throw new ProblemException(Problem.invalid("clusters", "'" + name + "' is not a cluster name"));
                }
                Cluster c = clusters.get(name);
                if (c == null) { // named by the query parameter: say which field
                    throw new ProblemException(unknown(name)
                            .withErrors(List.of(new Problem.FieldError("clusters", "'" + name + "' is not registered"))));
                }
                if (selector.matches(c.labels())) {
                    out.add(c);
                }
            }
        } else {
            clusters.values().stream().filter(c -> selector.matches(c.labels())).forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new ProblemException(Problem.invalid(selectorParam != null && !selectorParam.isBlank()
                    ? "selector" : "clusters", "no cluster matches the request's clusters and selector"));
        }
        out.sort(java.util.Comparator.comparing(Cluster::name));
        return out;
    }
}
