package io.higress.fleet.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.higress.fleet.home.HomeCluster;
import io.higress.fleet.home.LabelledSecrets;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Rollouts in the home cluster, shared by every replica: one Secret per rollout in the home namespace, labelled
 * {@code higress-fleet.io/object-type: rollout}, key {@code rollout.json} the document (written only by the replica
 * that drives the rollout, and by the one that created it) and key {@code requests.json} the controls other
 * replicas asked for (appended only). A Secret, not a ConfigMap: the document holds the objects and their
 * snapshots, which may carry credentials, and who may read ConfigMaps is usually a wider circle.
 * <p>
 * Every write carries the resourceVersion last read (optimistic concurrency). On a conflict the object is read
 * again: if only the requests changed, the document is written over the new version keeping them; if the document
 * changed, another replica drives the rollout now, and the write is refused ({@link LostWrite}), never forced.
 * Blocking: worker threads (the informer's are).
 */
final class HomeRolloutStore implements RolloutStore {
    private static final Logger LOG = Logger.getLogger(HomeRolloutStore.class);
    static final String TYPE_LABEL = HomeCluster.OBJECT_TYPE_LABEL;
    static final String ROLLOUT_LABEL = "higress-fleet.io/rollout";
    static final String DOCUMENT = "rollout.json";
    static final String REQUESTS = "requests.json";
    private static final int ATTEMPTS = 10;
    /** Further tries of a write the home API failed transiently (unreachable, timed out, a 5xx), with backoff. */
    private static final int TRANSIENT_RETRIES = 3;
    private static final TypeReference<List<ControlRequest>> REQUEST_LIST = new TypeReference<>() {
    };

    /**
     * The home API kept failing a write (not a conflict): the rollout's state there is the last one stored, the
     * loop stops driving it, its clusters stay as they are (no cluster failed).
     */
    static final class Unavailable extends RuntimeException {
        Unavailable(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A home API error worth another try: no answer, a timeout, overload, a server error. */
    static boolean transientError(KubernetesClientException e) {
        int c = e.getCode();
        return c == 0 || c == 408 || c == 429 || c >= 500;
    }

    private static void backoff(int retry) {
        try {
            Thread.sleep(100L << retry); // 200, 400, 800 ms: a worker thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stored document changed under the writer: another replica drives the rollout now. */
    static final class LostWrite extends RuntimeException {
        LostWrite(String message) {
            super(message, null, false, false);
        }
    }

    /** What this replica last read or wrote of a rollout's object. */
    @RegisterForReflection
    private record Known(String resourceVersion, String document, String requests, long seq) {
    }

    /** Told of every stored rollout and every change of one (the informer's thread). */
    interface Listener {
        void seen(RolloutDocument doc, List<ControlRequest> requests);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Secret> informer;

    HomeRolloutStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static String objectName(String rolloutId) {
        return "rollout-" + rolloutId;
    }

    @Override
    public void write(Rollout.Line line) {
        synchronized (locks.computeIfAbsent(line.rolloutId(), k -> new Object())) {
            Known k = known.get(line.rolloutId());
            if (k != null && k.seq() >= line.seq()) {
                return; // a newer state of the rollout is stored already (parallel clusters)
            }
            if (k == null) {
                create(line);
                return;
            }
            int retries = 0;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    Secret written = client.secrets().inNamespace(namespace).resource(secret(line.rolloutId(), k.resourceVersion(),
                            line.json(), k.requests())).update();
                    known.put(line.rolloutId(), new Known(written.getMetadata().getResourceVersion(), line.json(),
                            k.requests(), line.seq()));
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        if (transientError(e) && retries < TRANSIENT_RETRIES) {
                            backoff(++retries);
                            attempt--; // not a conflict: the conflicts' count stays
                            continue;
                        }
                        throw new Unavailable(HomeCluster.problem(e, "rollout " + line.rolloutId()));
                    }
                }
                Secret current;
                try {
                    current = resource(line.rolloutId()).get();
                } catch (KubernetesClientException e) {
                    throw new Unavailable(HomeCluster.problem(e, "rollout " + line.rolloutId()));
                }
                if (current == null) {
                    throw new LostWrite("rollout " + line.rolloutId() + " was deleted from the home cluster");
                }
                String document = data(current, DOCUMENT);
                if (line.json().equals(document)) {
                    // a retried write whose first try had been stored (its answer was lost)
                    known.put(line.rolloutId(), new Known(current.getMetadata().getResourceVersion(), document,
                            data(current, REQUESTS), line.seq()));
                    return;
                }
                if (!k.document().equals(document)) {
                    throw new LostWrite("rollout " + line.rolloutId() + " was written by another replica since "
                            + "resourceVersion " + k.resourceVersion() + ": it drives the rollout now");
                }
                k = new Known(current.getMetadata().getResourceVersion(), document, data(current, REQUESTS), k.seq());
                known.put(line.rolloutId(), k);
            }
            throw new LostWrite("rollout " + line.rolloutId() + " kept changing under " + ATTEMPTS + " writes");
        }
    }

    private void create(Rollout.Line line) {
        try {
            Secret written = client.secrets().inNamespace(namespace)
                    .resource(secret(line.rolloutId(), null, line.json(), "[]")).create();
            known.put(line.rolloutId(), new Known(written.getMetadata().getResourceVersion(), line.json(), "[]",
                    line.seq()));
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "rollout " + line.rolloutId());
        }
    }

    /** Lists every rollout and forgets what was known: what the store holds now is the base of the next writes. */
    @Override
    public List<RolloutDocument> load() {
        List<RolloutDocument> out = new ArrayList<>();
        List<Secret> items;
        try {
            items = client.secrets().inNamespace(namespace).withLabel(TYPE_LABEL, "rollout").list().getItems();
        } catch (KubernetesClientException e) {
            throw HomeCluster.problem(e, "rollouts");
        }
        for (Secret s : items) {
            RolloutDocument doc = document(s);
            if (doc != null) {
                remember(doc.id, s);
                out.add(doc);
            }
        }
        return out;
    }

    private void remember(String id, Secret s) {
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            Known mine = known.get(id);
            if (mine != null && newer(mine.resourceVersion(), s.getMetadata().getResourceVersion())) {
                return; // this replica wrote after the listing was taken (the watch had started the rollout)
            }
            known.put(id, new Known(s.getMetadata().getResourceVersion(), data(s, DOCUMENT), data(s, REQUESTS), 0));
        }
    }

    /** Whether {@code a} is a later resourceVersion than {@code b}, when both are numbers (etcd's are). */
    private static boolean newer(String a, String b) {
        try {
            return Long.parseLong(a) > Long.parseLong(b);
        } catch (NumberFormatException e) {
            return false; // opaque: the listing wins, as before
        }
    }

    @Override
    public List<String> prune(Instant cutoff) {
        List<String> pruned = new ArrayList<>();
        for (RolloutDocument doc : load()) {
            if (doc.state.terminal() && doc.updatedAt.isBefore(cutoff)) {
                try {
                    resource(doc.id).delete();
                } catch (KubernetesClientException e) {
                    throw HomeCluster.problem(e, "rollout " + doc.id);
                }
                known.remove(doc.id);
                pruned.add(doc.id);
            }
        }
        if (!pruned.isEmpty()) {
            LOG.infof("Pruned %d rollouts finished before %s from the home cluster", pruned.size(), cutoff);
        }
        return pruned;
    }

    @Override
    public List<ControlRequest> requests(String rolloutId) {
        Known k = known.get(rolloutId);
        return k == null ? List.of() : parseRequests(k.requests());
    }

    @Override
    public RolloutDocument request(String rolloutId, ControlRequest request, Consumer<RolloutDocument> allowed) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Secret current;
            try {
                current = resource(rolloutId).get();
            } catch (KubernetesClientException e) {
                throw HomeCluster.problem(e, "rollout " + rolloutId);
            }
            RolloutDocument doc = current == null ? null : document(current);
            if (doc == null) {
                throw new io.higress.fleet.problem.ProblemException(io.higress.fleet.problem.Problem.of(
                        io.higress.fleet.problem.ProblemType.NOT_FOUND, "no rollout " + rolloutId)
                        .withHint("GET /api/v1/rollouts lists the rollouts"));
            }
            List<ControlRequest> requests = new ArrayList<>(parseRequests(data(current, REQUESTS)));
            // a control asked before and not yet taken counts as done: pause, then resume, both on this replica
            allowed.accept(doc);
            requests.add(request);
            try {
                client.secrets().inNamespace(namespace).resource(secret(rolloutId, current.getMetadata().getResourceVersion(),
                        data(current, DOCUMENT), RolloutJson.MAPPER.writeValueAsString(requests))).update();
                return doc;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw HomeCluster.problem(e, "rollout " + rolloutId);
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new io.higress.fleet.problem.ProblemException(io.higress.fleet.problem.Problem.of(
                io.higress.fleet.problem.ProblemType.CONFLICT, "rollout " + rolloutId + " kept changing: the "
                        + request.action().wire() + " was not recorded").withHint("try again"));
    }

    /** Watches every rollout's object; {@code listener} sees each state (informer thread). */
    void watch(Listener listener) {
        watch(listener, id -> { });
    }

    /** As {@link #watch(Listener)}; {@code gone} is told of each rollout whose object was deleted (pruned). */
    void watch(Listener listener, java.util.function.Consumer<String> gone) {
        informer = LabelledSecrets.watch(client, namespace, TYPE_LABEL, "rollout", s -> seen(s, listener), s -> {
            RolloutDocument doc = document(s);
            if (doc != null) {
                known.remove(doc.id); // pruned: no replica shows it any more
                gone.accept(doc.id);
            }
        });
    }

    private void seen(Secret s, Listener listener) {
        RolloutDocument doc = document(s);
        if (doc != null) {
            synchronized (locks.computeIfAbsent(doc.id, k -> new Object())) {
                // a rollout another replica created: its object is the base of this replica's writes
                known.computeIfAbsent(doc.id, id -> new Known(s.getMetadata().getResourceVersion(),
                        data(s, DOCUMENT), data(s, REQUESTS), 0));
            }
            try {
                listener.seen(doc, parseRequests(data(s, REQUESTS)));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Rollout %s from the home cluster not taken: %s", doc.id, e.getMessage());
            }
        }
    }

    boolean synced() {
        SharedIndexInformer<Secret> i = informer;
        return i != null && i.hasSynced();
    }

    void close() {
        SharedIndexInformer<Secret> i = informer;
        if (i != null) {
            i.stop();
        }
    }

    private Resource<Secret> resource(String rolloutId) {
        return client.secrets().inNamespace(namespace).withName(objectName(rolloutId));
    }

    private Secret secret(String rolloutId, String resourceVersion, String document, String requests) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(DOCUMENT, base64(document));
        data.put(REQUESTS, base64(requests));
        return new SecretBuilder().withNewMetadata().withName(objectName(rolloutId)).withNamespace(namespace)
                .addToLabels(TYPE_LABEL, "rollout").addToLabels(ROLLOUT_LABEL, rolloutId)
                .addToLabels("app.kubernetes.io/managed-by", "higress-fleet")
                .withResourceVersion(resourceVersion).endMetadata()
                .withType("higress-fleet.io/rollout").withData(data).build();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String data(Secret s, String key) {
        String v = s.getData() == null ? null : s.getData().get(key);
        return v == null ? (REQUESTS.equals(key) ? "[]" : "") : new String(Base64.getDecoder().decode(v),
                StandardCharsets.UTF_8);
    }

    private static RolloutDocument document(Secret s) {
        try {
            return RolloutJson.MAPPER.readValue(data(s, DOCUMENT), RolloutDocument.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Rollout object %s/%s holds no rollout document, ignored", s.getMetadata().getNamespace(),
                    s.getMetadata().getName());
            return null;
        }
    }

    private static List<ControlRequest> parseRequests(String json) {
        try {
            return RolloutJson.MAPPER.readValue(json, REQUEST_LIST);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
