package io.higress.fleet.resources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.DuplicateKeys;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code POST /api/v1/manifests} bodies: multi-document YAML, a JSON object or a JSON list (a JSON document is
 * YAML too); a {@code kind: List} or a top-level array is flattened. Empty documents are skipped and do not count:
 * {@code documents[i]} is the i-th object. Only the registered kinds' types ({@link Kinds#types()}) pass; every
 * problem is a 400 naming the document, and server-populated metadata is stripped. YAML anchors and aliases are refused (Jackson would read an
 * alias as the anchor's name, {@code http: *h} as the text "h"); so are duplicate keys and top-level fields other
 * than those of a Kubernetes object of its type ({@link ObjectShape#fields}: {@code spec}, a Secret's {@code type}
 * and {@code data}). An object of a core type must be one of a kind's ({@link ObjectShape#holds}), and pass the
 * kind's checks ({@link Kind#checkObject}).
 */
public final class ManifestParser {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String defaultNamespace;

    public ManifestParser(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    /** Objects in document order, namespace defaulted; throws a 400 problem listing every bad document. */
    public List<GenericKubernetesResource> parse(String text) {
        return parse(text, false);
    }

    /** The same; {@code force}: the kinds' checks that {@code force=true} overrides are left out. */
    public List<GenericKubernetesResource> parse(String text, boolean force) {
        List<JsonNode> docs = documents(text);
        List<FieldError> errors = new ArrayList<>();
        List<GenericKubernetesResource> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        if (docs.isEmpty()) {
            errors.add(new FieldError("documents", "no object found"));
        }
        for (int i = 0; i < docs.size(); i++) {
            String f = "documents[" + i + "]";
            if (!(docs.get(i) instanceof ObjectNode o)) {
                errors.add(new FieldError(f, "must be an object"));
                continue;
            }
            int before = errors.size();
            KubernetesType type = check(o, f, errors);
            try {
                // an export read by a non-admin has no secrets to apply; write-only values keep the cluster's
                RedactedPlaceholders.reject(type == null ? o : withoutWriteOnly(o, type));
            } catch (ProblemException e) {
                errors.add(new FieldError(f + "." + ((FieldError) e.problem().errors().get(0)).field(),
                        ((FieldError) e.problem().errors().get(0)).message()));
            }
            if (errors.size() > before) {
                continue;
            }
            Kinds.checkObject(type, o, force).forEach(e -> errors.add(new FieldError(f + "." + e.field(),
                    e.message())));
            if (errors.size() > before) {
                continue;
            }
            ServerFields.strip(o);
            ObjectNode meta = (ObjectNode) o.get("metadata");
            if (!meta.hasNonNull("namespace")) {
                meta.put("namespace", defaultNamespace);
            }
            String key = o.get("kind").asText() + "/" + meta.get("namespace").asText() + "/" + meta.get("name").asText();
            Integer earlier = seen.putIfAbsent(key, i);
            if (earlier != null) {
                errors.add(new FieldError(f, "same object as documents[" + earlier + "]"));
                continue;
            }
            try {
                out.add(Json.MAPPER.convertValue(o, GenericKubernetesResource.class));
            } catch (IllegalArgumentException e) { // a metadata field of the wrong shape (labels: [a, b])
                errors.add(new FieldError(f + ".metadata", "is not Kubernetes object metadata: "
                        + (e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
            }
        }
        Validation.throwIfAny(errors);
        return out;
    }

    private static List<JsonNode> documents(String text) {
        refuseAliases(text == null ? "" : text);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text == null ? "" : text)) {
            while (it.hasNextValue()) {
                flatten(it.nextValue(), docs);
            }
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            Validation.throwIfAny(List.of(new FieldError("documents", "unreadable: " + e.getMessage())));
        }
        return docs;
    }

    /** A 400 for the first anchor or alias: expanding them is not worth a second YAML reading of objects. */
    private static void refuseAliases(String text) {
        try (YAMLParser p = (YAMLParser) YAML.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias() || p.getCurrentAnchor() != null) {
                    Validation.throwIfAny(List.of(new FieldError("documents", "YAML anchors and aliases are not "
                            + "supported (line " + p.currentLocation().getLineNr() + "); write the values out")));
                }
            }
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            Validation.throwIfAny(List.of(new FieldError("documents", "unreadable: " + e.getMessage())));
        }
    }

    private static ProblemException invalid(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
        FieldError error = DuplicateKeys.of(e)
                .map(d -> new FieldError("documents", d.message() + at + " (" + d.field() + ")"))
                .orElseGet(() -> new FieldError("documents", "not valid YAML or JSON" + at + ": " + e.getOriginalMessage()));
        return new ProblemException(io.higress.fleet.problem.Problem.invalid(List.of(error)));
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isObject() && node.isEmpty()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> flatten(n, into));
        } else if (node.isObject() && "List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
            node.get("items").forEach(n -> flatten(n, into));
        } else {
            into.add(node);
        }
    }

    /** The document's registered type, or null; its errors added. */
    private static KubernetesType check(ObjectNode o, String f, List<FieldError> errors) {
        String apiVersion = o.path("apiVersion").isTextual() ? o.get("apiVersion").asText() : null;
        String kind = o.path("kind").isTextual() ? o.get("kind").asText() : null;
        List<KubernetesType> types = Kinds.types();
        List<KubernetesType> ofKind = types.stream().filter(t -> t.kind().equals(kind)).toList();
        KubernetesType type = null;
        if (ofKind.isEmpty()) {
            errors.add(new FieldError(f + ".kind", "must be one of " + String.join(", ",
                    types.stream().map(KubernetesType::kind).distinct().sorted().toList())));
        } else if (Kinds.kubernetesType(apiVersion, kind).isEmpty()) {
            errors.add(new FieldError(f + ".apiVersion", "must be " + ofKind.get(0).apiVersion() + " for " + kind));
        } else {
            type = Kinds.kubernetesType(o).orElse(null);
            if (type == null) {
                errors.add(new FieldError(f, "is not a " + kind + " of the fleet's kinds: " + String.join("; or ",
                        ofKind.stream().map(ManifestParser::shapeOf).toList())));
            }
        }
        Set<String> fields = new java.util.TreeSet<>(List.of("apiVersion", "kind", "metadata", "status"));
        (ofKind.isEmpty() ? List.of(ObjectShape.SPEC) : ofKind.stream().map(KubernetesType::shape).toList())
                .forEach(s -> fields.addAll(s.fields()));
        o.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                errors.add(new FieldError(f + "." + name, "unknown field; an object has " + String.join(", ",
                        fields.stream().filter(n -> !n.equals("status")).toList())));
            }
        });
        checkMetadata(o, f, errors);
        for (String content : fields) {
            JsonNode v = o.get(content);
            if (!List.of("apiVersion", "kind", "metadata", "status", "type").contains(content) && v != null
                    && !v.isObject()) {
                errors.add(new FieldError(f + "." + content, "must be an object"));
            }
        }
        return type;
    }

    /** What a type's objects carry, for the message of one that does not. */
    private static String shapeOf(KubernetesType t) {
        List<String> parts = new ArrayList<>();
        t.shape().labels().forEach((k, v) -> parts.add("label " + k + ": " + v));
        t.shape().values().forEach((k, v) -> parts.add(k + ": " + v));
        if (!t.shape().names().isEmpty()) {
            parts.add("the name " + String.join(" or ", t.shape().names()));
        }
        return String.join(" and ", parts);
    }

    private static ObjectNode withoutWriteOnly(ObjectNode o, KubernetesType type) {
        ObjectNode copy = o.deepCopy();
        type.shape().writeOnly().stream().filter(p -> ObjectShape.at(copy, p) != null)
                .forEach(p -> ObjectShape.put(copy, p, ""));
        return copy;
    }

    private static void checkMetadata(ObjectNode o, String f, List<FieldError> errors) {
        JsonNode meta = o.get("metadata");
        if (meta == null || !meta.isObject()) {
            errors.add(new FieldError(f + ".metadata.name", "is required"));
            return;
        }
        JsonNode name = meta.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            errors.add(new FieldError(f + ".metadata.name", "is required"));
        } else if (!Names.isDns1123Subdomain(name.asText())) {
            errors.add(new FieldError(f + ".metadata.name", "must be a DNS-1123 subdomain"));
        }
        JsonNode ns = meta.get("namespace");
        if (ns != null && !ns.isNull() && !(ns.isTextual() && Names.isDns1123Label(ns.asText()))) {
            errors.add(new FieldError(f + ".metadata.namespace", "must be a DNS-1123 label"));
        }
        if (meta.has("generateName") && (name == null || name.isNull())) {
            errors.add(new FieldError(f + ".metadata.generateName", "is not supported; give metadata.name"));
        }
    }
}
