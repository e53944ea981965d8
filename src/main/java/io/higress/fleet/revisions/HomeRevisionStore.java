package io.higress.fleet.revisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.higress.fleet.home.HomeCluster;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Revisions in the home cluster, shared by every replica: one ConfigMap {@code revision-<id>} in the home namespace,
 * labelled {@code higress-fleet.io/object-type: revision}, key {@code revision.json}. A ConfigMap, not a Secret: a
 * revision holds no secret (redacted before it is stored). A revision is written once and never changed. Every read
 * lists the labelled ConfigMaps (so each replica sees the others' revisions). Blocking: worker threads only.
 */
final class HomeRevisionStore implements RevisionStore {
    private static final Logger LOG = Logger.getLogger(HomeRevisionStore.class);
    static final String TYPE_LABEL = HomeCluster.OBJECT_TYPE_LABEL;
    static final String TYPE = "revision";
    static final String KEY = "revision.json";

    private final KubernetesClient client;
    private final String namespace;

    HomeRevisionStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static String objectName(String id) {
        return "revision-" + id;
    }

    @Override
    public void add(Revision revision) {
        String json;
        try {
            json = RevisionJson.MAPPER.writeValueAsString(revision);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(objectName(revision.id()))
                .withNamespace(namespace).withLabels(Map.of(TYPE_LABEL, TYPE)).endMetadata()
                .withData(Map.of(KEY, json)).build();
        try {
            client.configMaps().inNamespace(namespace).resource(map).create();
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "revision " + revision.id());
        }
    }

    @Override
    public List<Revision> all() {
        List<ConfigMap> items;
        try {
            items = client.configMaps().inNamespace(namespace).withLabel(TYPE_LABEL, TYPE).list().getItems();
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "revisions");
        }
        List<Revision> out = new ArrayList<>();
        items.forEach(m -> parse(m).ifPresent(out::add));
        return out;
    }

    @Override
    public Optional<Revision> find(String id) {
        try {
            ConfigMap m = client.configMaps().inNamespace(namespace).withName(objectName(id)).get();
            return m == null || m.getMetadata().getLabels() == null
                    || !TYPE.equals(m.getMetadata().getLabels().get(TYPE_LABEL)) ? Optional.empty() : parse(m);
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "revision " + id);
        }
    }

    private static Optional<Revision> parse(ConfigMap m) {
        String json = m.getData() == null ? null : m.getData().get(KEY);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RevisionJson.MAPPER.readValue(json, Revision.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping the unreadable revision %s: %s", m.getMetadata().getName(), e.getOriginalMessage());
            return Optional.empty();
        }
    }

    @Override
    public void remove(Collection<String> ids) {
        for (String id : ids) {
            try {
                client.configMaps().inNamespace(namespace).withName(objectName(id)).delete();
            } catch (KubernetesClientException e) {
                LOG.warnf("Cannot delete revision %s from the home cluster: %s", id, e.getMessage());
            }
        }
    }
}
