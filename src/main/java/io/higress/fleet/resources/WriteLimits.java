package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What writes may name (docs/security.md, "Write limits"): namespaces ({@code fleet.resources.namespaces}, default
 * the configured {@code fleet.resources.namespace} only) and the {@code url} of Wasm plugins
 * ({@code fleet.resources.plugin-urls}, default Higress's official registry). Checked on the Kubernetes objects a
 * write would store — whatever kind builds them, so any kind that writes a WasmPlugin is held to the list — before
 * any cluster is called where the objects are known from the request (POST bodies, manifests, rollouts), and on
 * every planned create or update before anything is written (a PUT's merged object). A refusal is a 403
 * {@code write-not-allowed} whose {@code errors[]} name each field and the setting.
 */
@ApplicationScoped
public class WriteLimits {
    public static final String NAMESPACES = "fleet.resources.namespaces";
    public static final String PLUGIN_URLS = "fleet.resources.plugin-urls";
    static final String ANY_URL = "*";
    private static final String WASM_PLUGIN_GROUP = "extensions.higress.io/";
    /**
     * The labels that mark the facade's own state in its home namespace (sets, statuses, rollouts, revisions,
     * cluster Secrets): no write carries them, so none forges such an object, whichever cluster and namespace
     * it names. The desired-state label, which a sync itself puts on the objects it writes, is not one of them.
     */
    static final List<String> RESERVED_LABELS = List.of("higress-fleet.io/object-type", "higress-fleet.io/secret-type",
            "higress-fleet.io/cluster", "higress-fleet.io/rollout");

    private final List<String> namespaces;
    private final List<String> pluginUrls;

    @Inject
    public WriteLimits(FleetConfig config) {
        this(config.resources().namespaces().orElse(List.of(config.resources().namespace())),
                config.resources().pluginUrls());
    }

    WriteLimits(List<String> namespaces, List<String> pluginUrls) {
        this.namespaces = List.copyOf(namespaces);
        this.pluginUrls = List.copyOf(pluginUrls);
    }

    /** A 403 naming every field outside the limits. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            String fields = String.join(", ", errors.stream().map(FieldError::field).toList());
            throw new ProblemException(Problem.of(ProblemType.WRITE_NOT_ALLOWED, "outside the write limits: " + fields)
                    .withErrors(List.copyOf(errors)));
        }
    }

    /** The namespace a write names ({@code field}: where the request named it). */
    public List<FieldError> namespace(String namespace, String field) {
        if (namespace == null || namespaces.contains(namespace)) {
            return List.of();
        }
        return List.of(new FieldError(field, "namespace '" + namespace + "' is not one writes may name ("
                + NAMESPACES + ": " + String.join(", ", namespaces) + ")"));
    }

    /**
     * The objects {@code kind} would store for {@code spec} (built as if none existed yet): their namespaces and
     * WasmPlugin urls. {@code field} prefixes the names ({@code plugins[0]}); {@code url} is named as the body's
     * field when the body carries it. A form that cannot build its objects without the cluster's copy is checked
     * when the write is planned ({@link #stored}).
     */
    public <S extends Spec> List<FieldError> model(Kind<S> kind, S spec, String namespace, String field) {
        List<FieldError> errors = new ArrayList<>(namespace(spec.namespace() != null ? spec.namespace() : namespace,
                join(field, "namespace")));
        List<Part> parts;
        try {
            parts = kind.kubernetes().parts(spec, namespace, Copy.absent(namespace, spec.name(), List.of()));
        } catch (RuntimeException e) {
            return errors;
        }
        JsonNode body = Json.tree(spec);
        for (Part p : parts) {
            if (errors.isEmpty()) {
                errors.addAll(namespace(p.address().namespace(), join(field, "namespace")));
            }
            String url = wasmPluginUrl(p.address().type(), p.body());
            String at = url != null && url.equals(body.path("url").asText(null)) ? join(field, "url")
                    : join(field, p.address().type().label() + " " + p.address().name() + ".spec.url");
            errors.addAll(url(url, at));
        }
        return errors;
    }

    /** A raw Kubernetes object (manifests): its namespace, and its url if it is a WasmPlugin. */
    public List<FieldError> object(ObjectNode o, String field) {
        List<FieldError> errors = new ArrayList<>(namespace(o.path("metadata").path("namespace").asText(null),
                join(field, "metadata.namespace")));
        errors.addAll(reservedLabels(o, join(field, "metadata.labels.")));
        String apiVersion = o.path("apiVersion").asText("");
        if (apiVersion.startsWith(WASM_PLUGIN_GROUP) && "WasmPlugin".equals(o.path("kind").asText())) {
            errors.addAll(url(o.path("spec").path("url").asText(null), join(field, "spec.url")));
        }
        return errors;
    }

    /** A stored object a plan would create or update, in any store: the same rules, named by the object. */
    List<FieldError> stored(ObjectAddress address, ObjectNode body) {
        String at = address.type().label() + " " + (address.namespace() == null ? "" : address.namespace() + "/")
                + address.name();
        List<FieldError> errors = new ArrayList<>(namespace(address.namespace(), at + " metadata.namespace"));
        errors.addAll(url(wasmPluginUrl(address.type(), body), at + " spec.url"));
        errors.addAll(reservedLabels(body, at + " metadata.labels."));
        return errors;
    }

    private static List<FieldError> reservedLabels(JsonNode body, String prefix) {
        JsonNode labels = body == null ? null : body.path("metadata").path("labels");
        if (labels == null || !labels.isObject()) {
            return List.of();
        }
        return RESERVED_LABELS.stream().filter(labels::has).map(l -> new FieldError(prefix + l,
                "is reserved for the facade's own state objects (docs/security.md, \"Write limits\")")).toList();
    }

    private static String wasmPluginUrl(StoredType type, ObjectNode body) {
        return type instanceof KubernetesType k && k.kind().equals("WasmPlugin")
                && k.apiVersion().startsWith(WASM_PLUGIN_GROUP) ? body.path("spec").path("url").asText(null) : null;
    }

    List<FieldError> url(String url, String field) {
        if (url == null || allowed(url)) {
            return List.of();
        }
        return List.of(new FieldError(field, "'" + url + "' is not a Wasm plugin url writes may use (" + PLUGIN_URLS
                + ": " + String.join(", ", pluginUrls) + ")"));
    }

    /**
     * Starts with a prefix that ends where a host, path segment or tag ends ({@code oci://reg.example.com} does not
     * allow {@code oci://reg.example.com.evil.io/x} nor {@code oci://reg.example.com@evil.io/x}), and holds no dot
     * segment or escape that a fetcher could resolve to somewhere else.
     */
    boolean allowed(String url) {
        if (pluginUrls.contains(ANY_URL)) {
            return true;
        }
        if (url.contains("%") || url.contains("\\")
                || Arrays.stream(url.split("/", -1)).anyMatch(s -> s.equals(".") || s.equals(".."))) {
            return false;
        }
        for (String prefix : pluginUrls) {
            if (url.startsWith(prefix) && (url.length() == prefix.length() || prefix.endsWith("/")
                    || prefix.endsWith(":") || "/:".indexOf(url.charAt(prefix.length())) >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String prefix, String field) {
        return prefix == null || prefix.isEmpty() ? field : prefix + "." + field;
    }
}
