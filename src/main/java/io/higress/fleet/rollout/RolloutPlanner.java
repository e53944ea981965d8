package io.higress.fleet.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.ClusterRegistry;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.ManifestParser;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.problem.Validation;
import io.higress.fleet.resources.WriteLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rollout request and resolves its waves, before anything is journaled or any cluster touched: every
 * problem is one 400 listing the fields (an unknown cluster is a 404, as everywhere); objects outside the write
 * limits (namespaces, plugin urls: {@link WriteLimits}) are then one 403 listing them.
 */
public final class RolloutPlanner {
    static final Set<String> STRATEGIES = Set.of("all", "selective", "canary");
    static final int DEFAULT_MAX_PARALLEL = 5;

    private final ClusterRegistry registry;
    private final String defaultNamespace;
    private final WriteLimits limits;

    public RolloutPlanner(ClusterRegistry registry, String defaultNamespace, WriteLimits limits) {
        this.registry = registry;
        this.defaultNamespace = defaultNamespace;
        this.limits = limits;
    }

    /** {@code lists}: the body's object lists by their field name ({@code routes}, ...). */
    public RolloutSpec plan(RolloutRequest r, Map<String, JsonNode> lists) {
        List<FieldError> errors = new ArrayList<>();
        String strategy = r.strategy();
        if (strategy == null || !STRATEGIES.contains(strategy)) {
            errors.add(new FieldError("strategy", "must be one of all, selective, canary"));
        }
        String waitTime = r.waitTime() == null ? "0s" : r.waitTime();
        try {
            GoDuration.parse(waitTime);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("waitTime", e.getMessage()));
        }
        String onFailure = r.onFailure() == null ? RolloutSpec.ROLLBACK : r.onFailure();
        if (!onFailure.equals(RolloutSpec.ROLLBACK) && !onFailure.equals(RolloutSpec.PAUSE)) {
            errors.add(new FieldError("onFailure", "must be rollback or pause"));
        }
        int maxParallel = r.maxParallel() == null ? DEFAULT_MAX_PARALLEL : r.maxParallel();
        if (maxParallel < 1) {
            errors.add(new FieldError("maxParallel", "must be at least 1"));
        }
        HealthGateSpec gate = r.healthGate() == null ? HealthGateSpec.DEFAULT : r.healthGate();
        if (gate.max5xxRatio() != null && (gate.max5xxRatio() < 0 || gate.max5xxRatio() > 1)) {
            errors.add(new FieldError("healthGate.max5xxRatio", "must be between 0 and 1"));
        }
        gateErrors(gate, errors);
        webhookErrors(r.webhooks(), errors);
        errors.addAll(RolloutWindows.check(r.windows()));
        List<List<String>> waves = strategy != null && STRATEGIES.contains(strategy) ? waves(r, errors) : List.of();
        List<FieldError> outside = new ArrayList<>();
        List<RolloutObject> objects = objects(r, lists, errors, outside);
        Validation.throwIfAny(errors);
        WriteLimits.throwIfAny(outside);
        return new RolloutSpec(strategy, waves, waitTime, gate, onFailure, maxParallel,
                Boolean.TRUE.equals(r.force()), objects, Boolean.TRUE.equals(r.confirmPromotion()),
                r.webhooks() == null || r.webhooks().none() ? null : r.webhooks(),
                r.windows() == null || r.windows().isEmpty() ? null : List.copyOf(r.windows()),
                "canary".equals(strategy) && r.canaryOrder() != null && r.canaryOrder().size() == waves.size()
                        ? List.copyOf(r.canaryOrder()) : null);
    }

    /** The gate's other fields: each bad one named (a 400 before anything runs). */
    private static void gateErrors(HealthGateSpec gate, List<FieldError> errors) {
        if (gate.maxP99Ms() != null && !(gate.maxP99Ms() > 0)) {
            errors.add(new FieldError("healthGate.maxP99Ms", "must be a positive number of milliseconds"));
        }
        if (gate.minRequests() != null && gate.minRequests() < 1) {
            errors.add(new FieldError("healthGate.minRequests", "must be at least 1"));
        }
        positiveDuration(gate.window(), "healthGate.window", errors);
        positiveDuration(gate.interval(), "healthGate.interval", errors);
        if (gate.onNoTraffic() != null && !NoTraffic.valid(gate.onNoTraffic())) {
            errors.add(new FieldError("healthGate.onNoTraffic", "must be one of pass, fail, wait"));
        }
    }

    static final int MAX_HOOKS = 10;
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern
            .compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    /** Each hook's url (http or https, with a host), timeout and headers; each bad one named. */
    private static void webhookErrors(WebhooksSpec hooks, List<FieldError> errors) {
        if (hooks == null) {
            return;
        }
        for (HookPhase phase : HookPhase.values()) {
            List<WebhookSpec> list = hooks.of(phase);
            String field = "webhooks." + phase.wire();
            if (list.size() > MAX_HOOKS) {
                errors.add(new FieldError(field, "at most " + MAX_HOOKS + " hooks"));
            }
            for (int i = 0; i < list.size(); i++) {
                String at = field + "[" + i + "]";
                WebhookSpec hook = list.get(i);
                if (hook == null) {
                    errors.add(new FieldError(at, "must be an object with a url"));
                    continue;
                }
                String urlProblem = urlProblem(hook.url());
                if (urlProblem != null) {
                    errors.add(new FieldError(at + ".url", urlProblem));
                }
                if (hook.timeout() != null) {
                    try {
                        java.time.Duration d = GoDuration.parse(hook.timeout());
                        if (d.compareTo(java.time.Duration.ofMillis(10)) < 0 || d.compareTo(WebhookSpec.MAX_TIMEOUT) > 0) {
                            errors.add(new FieldError(at + ".timeout", "must be from 10ms to 5m"));
                        }
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(at + ".timeout", e.getMessage()));
                    }
                }
                if (hook.headers() != null) {
                    hook.headers().forEach((name, value) -> {
                        if (!HEADER_NAME.matcher(name).matches()) {
                            errors.add(new FieldError(at + ".headers", "'" + name + "' is not a header name"));
                        } else if (value == null || value.length() > 8192 || value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                            errors.add(new FieldError(at + ".headers." + name, "must be a header value (text "
                                    + "without line breaks, at most 8192 characters)"));
                        }
                    });
                }
            }
        }
    }

    private static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is required: the http or https URL the wave's context is POSTed to";
        }
        if (url.length() > 2048) {
            return "is longer than 2048 characters";
        }
        try {
            java.net.URI u = new java.net.URI(url);
            if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http")
                    || u.getScheme().equalsIgnoreCase("https"))) {
                return "must be an http or https URL";
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                return "must name a host";
            }
            if (u.getRawFragment() != null) {
                return "must not have a fragment (#...)";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
    }

    private static void positiveDuration(String value, String field, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            if (GoDuration.parse(value).compareTo(java.time.Duration.ofMillis(10)) < 0) {
                errors.add(new FieldError(field, "must be at least 10ms"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }

    private List<List<String>> waves(RolloutRequest r, List<FieldError> errors) {
        boolean targeted = r.clusters() != null && !r.clusters().isEmpty()
                || r.selector() != null && !r.selector().isBlank();
        List<Cluster> universe = registry.select(r.clusters() == null ? null : String.join(",", r.clusters()),
                r.selector());
        if (!r.strategy().equals("canary")) {
            if (r.canaryOrder() != null || r.waves() != null) {
                errors.add(new FieldError(r.waves() != null ? "waves" : "canaryOrder", "only for strategy canary"));
            }
            if (r.strategy().equals("selective") && !targeted) {
                errors.add(new FieldError("clusters", "strategy selective needs clusters or selector"));
            }
            return List.of(universe.stream().map(Cluster::name).toList());
        }
        if ((r.canaryOrder() == null) == (r.waves() == null)) {
            errors.add(new FieldError("canaryOrder", "strategy canary needs either canaryOrder or waves"));
            return List.of();
        }
        Map<String, Cluster> byName = new HashMap<>();
        universe.forEach(c -> byName.put(c.name(), c));
        List<List<String>> waves = r.waves() != null ? explicitWaves(r.waves(), byName, errors)
                : canaryWaves(r.canaryOrder(), r.canaryLabel() == null ? "env" : r.canaryLabel(), universe, byName,
                        errors);
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < waves.size(); i++) {
            for (String c : waves.get(i)) {
                String earlier = seen.putIfAbsent(c, r.waves() != null ? "waves[" + i + "]" : "canaryOrder[" + i + "]");
                if (earlier != null) {
                    errors.add(new FieldError(r.waves() != null ? "waves[" + i + "]" : "canaryOrder[" + i + "]",
                            "cluster " + c + " is already in " + earlier));
                }
            }
        }
        return waves;
    }

    private List<List<String>> explicitWaves(List<List<String>> given, Map<String, Cluster> universe,
            List<FieldError> errors) {
        if (given.isEmpty()) {
            errors.add(new FieldError("waves", "must not be empty"));
        }
        for (int i = 0; i < given.size(); i++) {
            List<String> wave = given.get(i);
            if (wave == null || wave.isEmpty()) {
                errors.add(new FieldError("waves[" + i + "]", "must name at least one cluster"));
                continue;
            }
            for (int j = 0; j < wave.size(); j++) {
                registry.get(wave.get(j));
                if (!universe.containsKey(wave.get(j))) {
                    errors.add(new FieldError("waves[" + i + "][" + j + "]", "cluster " + wave.get(j)
                            + " is not selected by clusters/selector"));
                }
            }
        }
        return given.stream().filter(w -> w != null && !w.isEmpty()).map(List::copyOf).toList();
    }

    /** Each entry is a cluster name or a value of the label {@code label}; an entry matching nothing is an error. */
    private static List<List<String>> canaryWaves(List<String> order, String label, List<Cluster> universe,
            Map<String, Cluster> byName, List<FieldError> errors) {
        if (order.isEmpty()) {
            errors.add(new FieldError("canaryOrder", "must not be empty"));
        }
        List<List<String>> waves = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String entry = order.get(i);
            List<String> wave = byName.containsKey(entry) ? List.of(entry) : universe.stream()
                    .filter(c -> entry != null && entry.equals(c.labels().get(label))).map(Cluster::name).toList();
            if (wave.isEmpty()) {
                errors.add(new FieldError("canaryOrder[" + i + "]", "'" + entry
                        + "' is neither a selected cluster nor a value of the label " + label + " of one"));
            } else {
                waves.add(wave);
            }
        }
        return waves;
    }

    /** The objects of every registered kind's list, then the manifests; each checked like its REST write. */
    private List<RolloutObject> objects(RolloutRequest r, Map<String, JsonNode> lists, List<FieldError> errors,
            List<FieldError> outside) {
        List<RolloutObject> out = new ArrayList<>();
        for (Kind<?> kind : Kinds.ALL) {
            JsonNode list = lists.get(kind.names().rolloutField());
            if (list != null && !list.isNull()) {
                add(kind, kind.names().rolloutField(), list, Boolean.TRUE.equals(r.force()), out, errors, outside);
            }
        }
        if (r.manifests() != null) {
            try {
                var manifests = new ManifestParser(defaultNamespace).parse(r.manifests(), Boolean.TRUE.equals(r.force()));
                for (int i = 0; i < manifests.size(); i++) {
                    ObjectNode o = (ObjectNode) Json.tree(manifests.get(i));
                    outside.addAll(limits.object(o, "manifests.documents[" + i + "]"));
                    out.add(new RolloutObject(RolloutObject.MANIFEST, o));
                }
            } catch (ProblemException e) {
                e.problem().errors().forEach(err -> {
                    FieldError f = (FieldError) err;
                    errors.add(new FieldError("manifests." + f.field(), f.message()));
                });
            }
        }
        if (out.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("routes", "a rollout needs at least one of " + String.join(", ",
                    Kinds.ALL.stream().map(k -> k.names().rolloutField()).toList()) + ", manifests"));
        }
        Set<ObjectKey> keys = new LinkedHashSet<>();
        for (RolloutObject o : out) {
            if (!keys.add(ObjectKey.of(o))) {
                errors.add(new FieldError("body", ObjectKey.of(o) + " is given twice"));
            }
        }
        return out;
    }

    private <S extends Spec> void add(Kind<S> kind, String field, JsonNode list, boolean force,
            List<RolloutObject> out, List<FieldError> errors, List<FieldError> outside) {
        if (!list.isArray()) {
            errors.add(new FieldError(field, "must be an array"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            List<FieldError> found = new ArrayList<>();
            S spec = null;
            try {
                RequestReader.Bound<S> bound = RequestReader.bind(list.get(i), kind.specClass());
                found.addAll(bound.unknownFields());
                spec = bound.value();
                found.addAll(kind.check(spec, force));
            } catch (ProblemException e) {
                e.problem().errors().forEach(err -> found.add((FieldError) err));
            }
            found.forEach(f -> errors.add(new FieldError(f.field().equals("body") ? at : at + "." + f.field(),
                    f.message())));
            if (found.isEmpty()) {
                outside.addAll(limits.model(kind, spec, defaultNamespace, at));
                ObjectNode body = (ObjectNode) Json.tree(spec);
                if (spec.namespace() == null) {
                    body.put("namespace", defaultNamespace);
                }
                out.add(new RolloutObject(kind.names().plural(), body));
            }
        }
    }

}
