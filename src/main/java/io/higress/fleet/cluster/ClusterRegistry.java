package io.higress.fleet.cluster;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The registered clusters and targeting: the one implementation of {@code clusters=} and {@code selector=} used by
 * every fan-out and every write. The fleet file's clusters are validated at startup and fixed; clusters registered
 * through the API come and go at runtime ({@link #register}, {@link #deregister}), each change announced as a
 * {@link ClusterChange}. Readers see one immutable map at a time, replaced whole on a change.
 */
@Startup
@ApplicationScoped
public class ClusterRegistry {
    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    private final Event<ClusterChange> changes;
    /** Looked up per selection (lazily: the scope's implementation needs the request, not the registry). */
    private final Instance<TargetScope> scope;
    private volatile Map<String, Cluster> clusters;

    public ClusterRegistry(FleetConfig config, Event<ClusterChange> changes, Instance<TargetScope> scope) {
        this.changes = changes;
        this.scope = scope;
        List<String> errors = new ArrayList<>(FleetFileCheck.duplicateKeys(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.config.locations", String.class).orElse(null)));
        errors.addAll(FleetConfigValidator.validate(config));
        if (!errors.isEmpty()) {
            throw new FleetConfigurationException(errors);
        }
        Map<String, Cluster> byName = new TreeMap<>();
        config.clusters().forEach((name, c) -> byName.put(name, new Cluster(name, Map.copyOf(c.labels()), c)));
        this.clusters = Collections.unmodifiableMap(byName);
        if (clusters.isEmpty()) {
            LOG.warn("No cluster is configured under fleet.clusters: every fleet call will select nothing");
        } else {
            LOG.infof("Fleet of %d cluster(s): %s", clusters.size(), String.join(", ", clusters.keySet()));
        }
    }

    /**
     * Adds or replaces a cluster registered through the API; a fleet file's cluster of that name wins (false). An
     * unchanged definition (same resourceVersion) changes nothing.
     */
    public synchronized boolean register(Cluster cluster) {
        Cluster previous = clusters.get(cluster.name());
        if (previous != null && previous.source() == ClusterSource.CONFIG) {
            LOG.warnf("Cluster %s is defined in the fleet file: its cluster Secret is ignored", cluster.name());
            return false;
        }
        if (previous != null && Objects.equals(previous.resourceVersion(), cluster.resourceVersion())) {
            return true;
        }
        replace(cluster.name(), cluster);
        LOG.infof("Cluster %s %s (resourceVersion %s)", cluster.name(), previous == null ? "registered" : "changed",
                cluster.resourceVersion());
        changes.fire(new ClusterChange(previous, cluster));
        return true;
    }

    /** Removes a cluster registered through the API; the fleet file's are never removed. */
    public synchronized void deregister(String name) {
        Cluster previous = clusters.get(name);
        if (previous == null || previous.source() == ClusterSource.CONFIG) {
            return;
        }
        replace(name, null);
        LOG.infof("Cluster %s deregistered", name);
        changes.fire(new ClusterChange(previous, null));
    }

    private void replace(String name, Cluster cluster) {
        Map<String, Cluster> next = new TreeMap<>(clusters);
        if (cluster == null) {
            next.remove(name);
        } else {
            next.put(name, cluster);
        }
        clusters = Collections.unmodifiableMap(next);
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
     * selector: 400; nothing selected: 400. Then the caller's scope ({@link TargetScope}): a cluster outside it is a
     * 403, or, for a read that named no target, left out.
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
        Map<String, Cluster> clusters = this.clusters;
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
        boolean explicit = clustersParam != null || selectorParam != null;
        return scope.isResolvable() ? new ArrayList<>(scope.get().admit(out, explicit)) : out;
    }
}
