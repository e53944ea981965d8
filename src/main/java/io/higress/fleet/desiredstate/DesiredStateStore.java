package io.higress.fleet.desiredstate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.home.HomeCluster;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Json;
import io.higress.fleet.security.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The sets. With a home cluster, one Secret {@code desired-state-<name>} each in its namespace, labelled
 * {@code higress-fleet.io/object-type: desired-state} (a Secret: manifests may carry secrets), read at every call so
 * that every replica serves every set. Without one, an owner-only JSON file each under
 * {@code <data-dir>/desired-states/}, read once at start and kept in memory (one replica). Blocking: worker threads
 * only.
 */
@ApplicationScoped
class DesiredStateStore {
    private static final Logger LOG = Logger.getLogger(DesiredStateStore.class);
    static final String TYPE_LABEL = HomeCluster.OBJECT_TYPE_LABEL;
    static final String TYPE = "desired-state";
    static final String STATUS_TYPE = "desired-state-status";
    static final String KEY = "set.json";
    static final String STATUS_KEY = "status.json";
    /** Below the API server's 1 MiB limit on a Secret's data. */
    static final int MAX_SECRET_BYTES = 960 * 1024;

    private final Path dir;
    private final Map<String, DesiredState> sets = new ConcurrentHashMap<>();
    private final Map<String, DesiredStatus> statuses = new ConcurrentHashMap<>();
    /** The home cluster's client, or null: the data directory. */
    private final KubernetesClient home;
    private final String namespace;

    DesiredStateStore(FleetConfig config, HomeCluster homeCluster) {
        this.dir = Path.of(config.dataDir(), "desired-states");
        this.home = homeCluster.configured() ? homeCluster.client() : null;
        this.namespace = homeCluster.configured() ? homeCluster.namespace() : null;
        if (home == null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(this::load);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the desired-state sets in " + dir, e);
            }
        }
    }

    static String objectName(String set) {
        return "desired-state-" + set;
    }

    /** A set's name is a DNS label, without dots: no set's Secret is named like another's status. */
    static String statusName(String set) {
        return objectName(set) + ".status";
    }

    private void load(Path file) {
        try {
            DesiredState s = Json.MAPPER.readValue(Files.readString(file), DesiredState.class);
            sets.put(s.name(), s);
        } catch (IOException e) {
            LOG.errorf("desired-state set %s is unreadable and left out: %s", file, e.getMessage());
        }
    }

    List<DesiredState> all() {
        if (home == null) {
            return sets.values().stream().sorted(Comparator.comparing(DesiredState::name)).toList();
        }
        List<DesiredState> out = new ArrayList<>();
        try {
            home.secrets().inNamespace(namespace).withLabel(TYPE_LABEL, TYPE).list().getItems()
                    .forEach(s -> parse(s).ifPresent(out::add));
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "desired-state sets");
        }
        return out.stream().sorted(Comparator.comparing(DesiredState::name)).toList();
    }

    Optional<DesiredState> get(String name) {
        if (home == null) {
            return Optional.ofNullable(sets.get(name));
        }
        try {
            Secret s = home.secrets().inNamespace(namespace).withName(objectName(name)).get();
            return s == null || !typed(s, TYPE) ? Optional.empty() : parse(s);
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "desired-state set " + name);
        }
    }

    /** @return whether it replaced a set of that name */
    boolean put(DesiredState set) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(set);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store desired-state set " + set.name(), e);
        }
        if (home != null) {
            int size = json.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_SECRET_BYTES) {
                throw new ProblemException(Problem.invalid("manifests", "the set takes " + size + " bytes stored; "
                        + "a Secret in the home cluster holds at most " + MAX_SECRET_BYTES + ": split it into sets"));
            }
            return write(objectName(set.name()), TYPE, KEY, json, "desired-state set " + set.name());
        }
        try {
            PrivateFiles.directory(dir);
            PrivateFiles.write(dir.resolve(set.name() + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store desired-state set " + set.name(), e);
        }
        return sets.put(set.name(), set) != null;
    }

    boolean remove(String name) {
        if (home != null) {
            try {
                return !home.secrets().inNamespace(namespace).withName(objectName(name)).delete().isEmpty();
            } catch (KubernetesClientException e) {
                throw HomeCluster.problem(e, "desired-state set " + name);
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove desired-state set " + name, e);
        }
        return sets.remove(name) != null;
    }

    /**
     * A set's last drift check. With a home cluster, a Secret {@code desired-state-<name>.status} (a drift's field
     * changes may quote secret values) that the replica holding the Lease writes and every replica reads; in memory
     * otherwise.
     */
    Optional<DesiredStatus> status(String name) {
        if (home == null) {
            return Optional.ofNullable(statuses.get(name));
        }
        try {
            Secret s = home.secrets().inNamespace(namespace).withName(statusName(name)).get();
            return s == null || !typed(s, STATUS_TYPE) ? Optional.empty() : read(s, STATUS_KEY, DesiredStatus.class);
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "desired-state status " + name);
        }
    }

    void putStatus(DesiredStatus status) {
        if (home == null) {
            statuses.put(status.name(), status);
            return;
        }
        try {
            String json = Json.MAPPER.writeValueAsString(status);
            if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) { // which objects, not each change
                json = Json.MAPPER.writeValueAsString(status.withoutChanges());
            }
            write(statusName(status.name()), STATUS_TYPE, STATUS_KEY, json, "desired-state status " + status.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the status of desired-state set " + status.name(), e);
        }
    }

    void removeStatus(String name) {
        if (home == null) {
            statuses.remove(name);
            return;
        }
        try {
            home.secrets().inNamespace(namespace).withName(statusName(name)).delete();
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "desired-state status " + name);
        }
    }

    /** Creates or replaces (over the version read: two writers at once, one is a 409) a labelled Secret. */
    private boolean write(String name, String type, String key, String json, String what) {
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of(TYPE_LABEL, type)).endMetadata().withType("Opaque")
                .withData(Map.of(key, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            var secrets = home.secrets().inNamespace(namespace);
            Secret held = secrets.withName(name).get();
            if (held == null) {
                secrets.resource(secret).create();
                return false;
            }
            secret.getMetadata().setResourceVersion(held.getMetadata().getResourceVersion());
            secrets.resource(secret).update();
            return true;
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, what);
        }
    }

    private static boolean typed(Secret s, String type) {
        return s.getMetadata().getLabels() != null && type.equals(s.getMetadata().getLabels().get(TYPE_LABEL));
    }

    private static Optional<DesiredState> parse(Secret s) {
        return read(s, KEY, DesiredState.class);
    }

    private static <T> Optional<T> read(Secret s, String key, Class<T> type) {
        String data = s.getData() == null ? null : s.getData().get(key);
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Base64.getDecoder().decode(data), type));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Skipping the unreadable %s: %s", s.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
