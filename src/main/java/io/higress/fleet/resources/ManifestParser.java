package io.higress.fleet.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code POST /api/v1/manifests} bodies: multi-document YAML, a JSON object or a JSON list (a JSON document is
 * YAML too); a {@code kind: List} or a top-level array is flattened. Empty documents are skipped and do not count:
 * {@code documents[i]} is the i-th object. Only the registered kinds' types ({@link Kinds#types()}) pass; every problem is a 400 naming the
 * document, and server-populated metadata is stripped.
 */
public final class ManifestParser {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final String defaultNamespace;

    public ManifestParser(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    /** Objects in document order, namespace defaulted; throws a 400 problem listing every bad document. */
    public List<GenericKubernetesResource> parse(String text) {
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
            check(o, f, errors);
            try {
                RedactedPlaceholders.reject(o); // an export read by a non-admin has no secrets to apply
            } catch (ProblemException e) {
                errors.add(new FieldError(f + "." + ((FieldError) e.problem().errors().get(0)).field(),
                        ((FieldError) e.problem().errors().get(0)).message()));
            }
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
            out.add(Json.MAPPER.convertValue(o, GenericKubernetesResource.class));
        }
        Validation.throwIfAny(errors);
        return out;
    }

    private static List<JsonNode> documents(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text == null ? "" : text)) {
            while (it.hasNextValue()) {
                flatten(it.nextValue(), docs);
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            Validation.throwIfAny(List.of(new FieldError("documents", "not valid YAML or JSON" + at + ": "
                    + e.getOriginalMessage())));
        } catch (IOException e) {
            Validation.throwIfAny(List.of(new FieldError("documents", "unreadable: " + e.getMessage())));
        }
        return docs;
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

    private static void check(ObjectNode o, String f, List<FieldError> errors) {
        String apiVersion = o.path("apiVersion").isTextual() ? o.get("apiVersion").asText() : null;
        String kind = o.path("kind").isTextual() ? o.get("kind").asText() : null;
        List<KubernetesType> types = Kinds.types();
        KubernetesType known = types.stream().filter(t -> t.kind().equals(kind)).findFirst().orElse(null);
        if (known == null) {
            errors.add(new FieldError(f + ".kind", "must be one of " + String.join(", ",
                    types.stream().map(KubernetesType::kind).sorted().toList())));
        } else if (Kinds.kubernetesType(apiVersion, kind).isEmpty()) {
            errors.add(new FieldError(f + ".apiVersion", "must be " + known.apiVersion() + " for " + kind));
        }
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
        JsonNode spec = o.get("spec");
        if (spec != null && !spec.isObject()) {
            errors.add(new FieldError(f + ".spec", "must be an object"));
        }
    }
}
