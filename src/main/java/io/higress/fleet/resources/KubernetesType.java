package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A namespaced Kubernetes resource type, given explicitly so that the client needs no API discovery round trip
 * per call (nor discovery rights in the cluster). {@code shape}: which of its objects are the kind's and what of
 * them is content ({@link ObjectShape}; custom resources: {@link ObjectShape#SPEC}).
 */
@RegisterForReflection
public record KubernetesType(String apiVersion, String kind, String plural, ObjectShape shape) implements StoredType {

    public KubernetesType {
        shape = shape == null ? ObjectShape.SPEC : shape; // journals written before shapes existed
    }

    public KubernetesType(String apiVersion, String kind, String plural) {
        this(apiVersion, kind, plural, ObjectShape.SPEC);
    }

    @Override
    public String label() {
        return kind;
    }

    public ResourceDefinitionContext context() {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /**
     * Every top-level field but apiVersion/kind/metadata/status, plus the labels and annotations ({@link ObjectDiff});
     * write-only values as their digests, so that a change shows without showing them.
     */
    @Override
    public ObjectNode content(ObjectNode body) {
        ObjectNode content = ObjectDiff.content(body);
        for (String pointer : shape.writeOnly()) {
            String value = ObjectShape.at(content, pointer);
            if (value != null) {
                ObjectShape.put(content, pointer, digest(value));
            }
        }
        return content;
    }

    /** The object is one of the kind's ({@link ObjectShape#holds}). */
    public boolean holds(JsonNode body) {
        return shape.holds(body);
    }

    /** A copy with the write-only values replaced by the placeholder (an export). */
    public ObjectNode masked(ObjectNode body) {
        ObjectNode out = body.deepCopy();
        shape.writeOnly().stream().filter(p -> ObjectShape.at(out, p) != null)
                .forEach(p -> ObjectShape.put(out, p, SecretKeyMatcher.REDACTED));
        return out;
    }

    static String digest(String value) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Desired content over the current metadata: keeps uid/resourceVersion/finalizers and labels or annotations other
     * tools set (the console's {@code higress.io/*} labels) unless the write says null for one, replaces everything
     * outside metadata.
     */
    @Override
    public ObjectNode overCurrent(ObjectNode desired, StoredObject current) {
        ObjectNode want = ServerFields.strip(desired.deepCopy());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("apiVersion", want.get("apiVersion"));
        out.set("kind", want.get("kind"));
        ObjectNode meta = ((ObjectNode) current.body().path("metadata")).deepCopy();
        meta.remove("managedFields");
        for (String k : List.of("labels", "annotations")) {
            JsonNode add = want.path("metadata").get(k);
            if (add != null && add.isObject() && !add.isEmpty()) {
                ObjectNode merged = meta.get(k) instanceof ObjectNode o ? o : meta.putObject(k);
                merged.setAll((ObjectNode) add);
                merged.properties().removeIf(e -> e.getValue().isNull()); // a null in a write removes the key
            }
        }
        out.set("metadata", meta);
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!out.has(k)) {
                out.set(k, want.get(k));
            }
        }
        return out;
    }

    @Override
    public String versionOf(ObjectNode body) {
        JsonNode v = body.path("metadata").path("resourceVersion");
        return v.isTextual() ? v.asText() : null;
    }

    public ObjectAddress address(String namespace, String name) {
        return new ObjectAddress(this, namespace, name);
    }
}
