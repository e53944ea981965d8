package io.higress.fleet.home;

import jakarta.annotation.Priority;
import io.higress.fleet.cluster.StartupOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterCredentials;
import io.higress.fleet.cluster.ClusterDefinition;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Clusters registered at runtime, one Secret each in the home namespace, labelled
 * {@code higress-fleet.io/secret-type: cluster} (Argo CD's convention): {@code name}, {@code definition} (the
 * cluster's block as JSON, no credential) and one key per credential ({@link ClusterCredentials}). Every replica
 * watches them with an informer and registers what it sees ({@link ClusterRegistry#register}); a write here also
 * registers at once, so the writer reads its own write. Blocking: worker threads (the informer's are).
 */
@ApplicationScoped
public class ClusterSecrets {
    private static final Logger LOG = Logger.getLogger(ClusterSecrets.class);
    public static final String TYPE_LABEL = "higress-fleet.io/secret-type";
    public static final String CLUSTER_LABEL = "higress-fleet.io/cluster";
    static final String NAME_PREFIX = "cluster-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HomeCluster home;
    private final ClusterRegistry registry;
    private final FleetConfig fleet;
    private volatile SharedIndexInformer<Secret> informer;

    public ClusterSecrets(HomeCluster home, ClusterRegistry registry, FleetConfig fleet) {
        this.home = home;
        this.registry = registry;
        this.fleet = fleet;
    }

    /** Starts the watch without waiting for it: readiness waits ({@link #synced()}), start-up does not. */
    void start(@Observes @Priority(StartupOrder.RUNTIME_CLUSTERS) StartupEvent event) {
        if (!home.configured()) {
            return;
        }
        informer = LabelledSecrets.watch(home.client(), home.namespace(), TYPE_LABEL, "cluster", this::seen,
                s -> registry.deregister(clusterName(s)));
    }

    /** Whether the cluster Secrets were listed once and are watched (no home: nothing to wait for). */
    public boolean synced() {
        SharedIndexInformer<Secret> i = informer;
        return !home.configured() || i != null && i.hasSynced();
    }

    private void seen(Secret secret) {
        String name = clusterName(secret);
        try {
            registry.register(parse(secret));
        } catch (ProblemException e) {
            // written around the API (kubectl): named, never printed; the last good definition stays
            LOG.warnf("Cluster Secret %s/%s (cluster %s) is not valid, ignored: %s", home.namespace(),
                    secret.getMetadata().getName(), name, fields(e.problem()));
        }
    }

    private static String fields(Problem p) {
        return p.errors() == null ? p.detail() : String.join("; ", p.errors().stream()
                .map(e -> e instanceof Problem.FieldError f ? f.field() + ": " + f.message() : String.valueOf(e))
                .toList());
    }

    private Cluster parse(Secret secret) {
        Map<String, String> data = decode(secret);
        JsonNode definition;
        try {
            definition = JSON.readTree(data.getOrDefault("definition", "{}"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.invalid("definition", "is not JSON"));
        }
        return ClusterDefinition.parse(clusterName(secret), definition, ClusterCredentials.of(data), fleet,
                secret.getMetadata().getResourceVersion());
    }

    private static String clusterName(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        String name = labels != null ? labels.get(CLUSTER_LABEL) : null;
        if (name == null && secret.getData() != null && secret.getData().get("name") != null) {
            name = new String(Base64.getDecoder().decode(secret.getData().get("name")), StandardCharsets.UTF_8);
        }
        String secretName = secret.getMetadata().getName();
        return name != null ? name : secretName.startsWith(NAME_PREFIX) ? secretName.substring(NAME_PREFIX.length())
                : secretName;
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> out = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, v == null ? null
                    : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    /** Registers a new cluster: 400 for a bad definition, 409 when it exists. Nothing is written on a 4xx. */
    public Cluster create(String name, JsonNode definition, ClusterCredentials credentials,
            List<Problem.FieldError> earlier) {
        ClusterDefinition.parse(name, definition, credentials, fleet, null, earlier); // every mistake, before a write
        Secret written;
        try {
            written = home.client().secrets().inNamespace(home.namespace())
                    .resource(secret(name, definition, credentials, null)).create();
        } catch (KubernetesClientException e) {
            throw e.getCode() == 409 ? new ProblemException(Problem.of(ProblemType.CONFLICT,
                    "cluster '" + name + "' is already registered").withHint("PUT /api/v1/clusters/" + name
                            + " with its resourceVersion changes it")) : HomeCluster.problem(e, "cluster " + name);
        }
        return registered(written);
    }

    /**
     * Replaces a registered cluster's definition if its Secret is still at {@code resourceVersion} (409 if not).
     * Credentials left out are kept: nobody can read them back to resend them.
     */
    public Cluster replace(String name, String resourceVersion, JsonNode definition, ClusterCredentials credentials,
            List<Problem.FieldError> earlier) {
        if (!earlier.isEmpty()) { // the stored credentials are not needed to name these
            ClusterDefinition.parse(name, definition, credentials, fleet, null, earlier);
        }
        Resource<Secret> resource = secretResource(name);
        Secret current;
        try {
            current = resource.get();
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "cluster " + name);
        }
        if (current == null) {
            throw notRegistered(name);
        }
        ClusterCredentials merged = credentials.orElse(ClusterCredentials.of(decode(current)));
        ClusterDefinition.parse(name, definition, merged, fleet, null);
        if (!resourceVersion.equals(current.getMetadata().getResourceVersion())) {
            throw stale(name, resourceVersion, current.getMetadata().getResourceVersion());
        }
        Secret written;
        try {
            written = home.client().secrets().inNamespace(home.namespace())
                    .resource(secret(name, definition, merged, resourceVersion)).update();
        } catch (KubernetesClientException e) {
            throw e.getCode() == 409 ? stale(name, resourceVersion, null) : HomeCluster.problem(e, "cluster " + name);
        }
        return registered(written);
    }

    /**
     * Removes a registered cluster: 404 when there is none; with {@code resourceVersion} (may be null), only if its
     * Secret is still at that version (409 if not: the API server checks it too, as a delete precondition).
     */
    public void delete(String name, String resourceVersion) {
        List<?> deleted;
        try {
            Resource<Secret> resource = secretResource(name);
            if (resourceVersion == null) {
                deleted = resource.delete();
            } else {
                Secret current = resource.get();
                if (current == null) {
                    throw notRegistered(name);
                }
                if (!resourceVersion.equals(current.getMetadata().getResourceVersion())) {
                    throw stale(name, resourceVersion, current.getMetadata().getResourceVersion());
                }
                deleted = resource.lockResourceVersion(resourceVersion).delete();
            }
        } catch (KubernetesClientException e) {
            throw e.getCode() == 409 && resourceVersion != null ? stale(name, resourceVersion, null)
                    : HomeCluster.problem(e, "cluster " + name);
        }
        if (deleted == null || deleted.isEmpty()) {
            throw notRegistered(name);
        }
        registry.deregister(name);
    }

    private Cluster registered(Secret written) {
        Cluster cluster = parse(written);
        registry.register(cluster);
        return registry.find(cluster.name()).orElse(cluster);
    }

    private Resource<Secret> secretResource(String name) {
        return home.client().secrets().inNamespace(home.namespace()).withName(NAME_PREFIX + name);
    }

    private Secret secret(String name, JsonNode definition, ClusterCredentials credentials, String resourceVersion) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("definition", definition.toString());
        data.putAll(credentials.byKey());
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(NAME_PREFIX + name).withNamespace(home.namespace())
                .addToLabels(TYPE_LABEL, "cluster").addToLabels(CLUSTER_LABEL, name)
                .addToLabels("app.kubernetes.io/managed-by", "higress-fleet")
                .withResourceVersion(resourceVersion).endMetadata()
                .withType("Opaque").withData(encoded).build();
    }

    private static ProblemException notRegistered(String name) {
        return new ProblemException(Problem.of(ProblemType.NOT_FOUND, "cluster '" + name
                + "' is not registered through the API").withHint("GET /api/v1/clusters lists the clusters"));
    }

    private static ProblemException stale(String name, String given, String current) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, "cluster '" + name + "' changed since "
                + "resourceVersion " + given + (current != null ? " (now " + current + ")" : ""))
                .withHint("GET /api/v1/clusters/" + name + ", apply your change to what it shows, and try again "
                        + "with its resourceVersion"));
    }

    @PreDestroy
    void stop() {
        SharedIndexInformer<Secret> i = informer;
        if (i != null) {
            i.stop();
        }
    }
}
