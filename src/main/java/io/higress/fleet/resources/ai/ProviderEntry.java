package io.higress.fleet.resources.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A provider's entry in the {@code ai-proxy} plugin's {@code providers} list and what derives from it, as the
 * console's AbstractLlmProviderHandler saves and loads it: {@code id}, {@code type}, {@code protocol}
 * ({@code openai} for the API's {@code openai/v1}, or {@code original}), {@code apiTokens}, {@code failover} and
 * {@code retryOnFailure} over the raw configurations; the service source {@code llm-<name>.internal} (type
 * {@code dns}, or {@code static} for IP endpoints, port 80) and the upstream service {@code <source>.<type>}.
 */
public final class ProviderEntry {
    /** The provider kind's name ({@code KindNames#kind}), by which AI routes say they derive from providers. */
    public static final String KIND = "LlmProvider";
    public static final String PROVIDERS = "providers";
    public static final String ID = "id";
    static final String TYPE = "type";
    static final String PROTOCOL = "protocol";
    static final String TOKENS = "apiTokens";
    static final String FAILOVER = "failover";
    static final String RETRY = "retryOnFailure";
    /** The entry's fields the API models outside {@code rawConfigs}. */
    static final Set<String> MODELLED = Set.of(ID, TYPE, PROTOCOL, TOKENS, FAILOVER, RETRY);
    public static final String DEFAULT_PROTOCOL = "openai/v1";
    static final List<String> FAILOVER_FIELDS = List.of("enabled", "failureThreshold", "successThreshold",
            "healthCheckInterval", "healthCheckTimeout", "healthCheckModel");

    private ProviderEntry() {
    }

    /**
     * The entry the console writes: the raw configurations checked and completed by the type, then the modelled
     * fields. {@code failover} is the API's {@code tokenFailoverConfig} (null: none).
     */
    public static ObjectNode build(String name, ProviderType type, String protocol, List<String> tokens,
            JsonNode failover, JsonNode raw) {
        ObjectNode entry = raw instanceof ObjectNode r ? r.deepCopy() : Json.MAPPER.createObjectNode();
        MODELLED.forEach(entry::remove);
        type.normalize(entry);
        entry.put(ID, name).put(TYPE, type.wire());
        entry.put(PROTOCOL, "original".equals(protocol) ? "original" : "openai");
        if (tokens != null && !tokens.isEmpty()) {
            ArrayNode t = entry.putArray(TOKENS);
            tokens.forEach(t::add);
        }
        if (failover != null && !failover.isNull()) {
            ObjectNode f = entry.putObject(FAILOVER);
            FAILOVER_FIELDS.forEach(k -> {
                if (failover.hasNonNull(k)) {
                    f.set(k, failover.get(k));
                }
            });
            ObjectNode retry = entry.putObject(RETRY);
            if (failover.hasNonNull("enabled")) {
                retry.set("enabled", failover.get("enabled"));
            }
        }
        return entry;
    }

    /** The API's protocol of an entry: {@code openai/v1} unless it says {@code original}. */
    public static String protocol(JsonNode entry) {
        return "original".equals(entry.path(PROTOCOL).asText()) ? "original" : DEFAULT_PROTOCOL;
    }

    /** The entry's tokens, or null when it has none. */
    public static List<String> tokens(JsonNode entry) {
        if (!entry.path(TOKENS).isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        entry.get(TOKENS).forEach(t -> {
            if (t.isTextual()) {
                out.add(t.asText());
            }
        });
        return out;
    }

    /** The API's {@code tokenFailoverConfig} of an entry ({@code enabled} false unless set), or null. */
    public static ObjectNode failover(JsonNode entry) {
        JsonNode f = entry.get(FAILOVER);
        if (!(f instanceof ObjectNode) || f.isEmpty()) {
            return null;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("enabled", f.path("enabled").asBoolean(false));
        FAILOVER_FIELDS.stream().skip(1).forEach(k -> {
            if (f.hasNonNull(k)) {
                out.set(k, f.get(k));
            }
        });
        return out;
    }

    /** The raw configurations of an entry, as the console reads them back (without the modelled fields). */
    public static ObjectNode raw(JsonNode entry, ProviderType type) {
        ObjectNode raw = ((ObjectNode) entry).deepCopy();
        MODELLED.forEach(raw::remove);
        type.loaded(raw);
        return raw;
    }

    public static String sourceName(String provider) {
        return "llm-" + provider + ".internal";
    }

    /** The provider's service sources: its own (none for an OpenAI custom service), then the type's extra ones. */
    public static List<ObjectNode> sources(String provider, ProviderType type, ObjectNode entry) {
        List<ObjectNode> out = new ArrayList<>();
        if (type.customService(entry).isEmpty()) {
            out.add(source(provider, type, entry));
        }
        type.extraSources().forEach(s -> out.add(s.deepCopy()));
        return out;
    }

    /** Whether the provider has a service source of its own (not an OpenAI custom service). */
    public static boolean ownSource(ProviderType type, ObjectNode entry) {
        return type.customService(entry).isEmpty();
    }

    /** Where routes send the provider's traffic. */
    public static ProviderService upstream(String provider, ProviderType type, ObjectNode entry) {
        return type.customService(entry).orElseGet(() -> {
            ObjectNode s = source(provider, type, entry);
            return new ProviderService(s.get("name").asText() + "." + s.get("type").asText(), s.get("port").asInt());
        });
    }

    /** The console's buildServiceSource: one DNS endpoint, or any number of IP endpoints of one protocol and path. */
    static ObjectNode source(String provider, ProviderType type, ObjectNode entry) {
        List<Endpoint> endpoints = type.endpoints(entry);
        String sourceType = null;
        String protocol = null;
        String contextPath = null;
        List<String> domains = new ArrayList<>();
        int port = 0;
        for (Endpoint e : endpoints) {
            if (e.protocol() == null || e.protocol().isEmpty() || e.address() == null || e.address().isEmpty()
                    || e.port() < 1 || e.port() > 65535) {
                throw new InvalidProvider("rawConfigs", "the provider's endpoint needs a scheme, a host and a port "
                        + "between 1 and 65535");
            }
            if (protocol != null && !protocol.equals(e.protocol())) {
                throw new InvalidProvider("rawConfigs", "all endpoints of a provider must use one protocol");
            }
            protocol = e.protocol();
            if (contextPath != null && !contextPath.equals(e.contextPath())) {
                throw new InvalidProvider("rawConfigs", "all endpoints of a provider must have one context path");
            }
            contextPath = e.contextPath();
            String t;
            if (ProviderType.isIpv4(e.address())) {
                t = "static";
                domains.add(e.address() + ":" + e.port());
                port = 80;
            } else {
                if (endpoints.size() > 1) {
                    throw new InvalidProvider("rawConfigs", "several endpoints work with IP addresses only");
                }
                t = "dns";
                domains.add(e.address());
                port = e.port();
            }
            sourceType = t;
        }
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("name", sourceName(provider)).put("type", sourceType).put("protocol", protocol)
                .put("domain", String.join(",", domains)).put("port", port);
        return s;
    }
}
