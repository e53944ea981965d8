package io.higress.fleet.resources.ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.ai.ProviderEntry;
import io.higress.fleet.resources.ai.ProviderType;
import io.higress.fleet.resources.ai.ProviderService;
import java.util.List;
import java.util.Map;

/** A provider ⇄ its ai-proxy entry (both stores hold the entry: the plugin as it is, the console as rawConfigs). */
final class Providers {

    private Providers() {
    }

    /** The entry the console writes for the provider; an {@code InvalidProvider} for what it would refuse. */
    static ObjectNode entry(ProviderSpec p) {
        ProviderType type = ProviderType.of(p.type()).orElseThrow();
        JsonNode failover = p.tokenFailoverConfig() == null ? null : Json.tree(p.tokenFailoverConfig());
        return ProviderEntry.build(p.name(), type, p.protocol(), p.tokens(), failover,
                p.rawConfigs() == null ? null : Json.tree(p.rawConfigs()));
    }

    /** The service sources and upstream the entry needs (checks the endpoints). */
    static List<ObjectNode> derived(String name, ObjectNode entry) {
        ProviderType type = type(entry);
        ProviderEntry.upstream(name, type, entry);
        return ProviderEntry.sources(name, type, entry);
    }

    static ProviderService upstream(String name, ObjectNode entry) {
        return ProviderEntry.upstream(name, type(entry), entry);
    }

    static ProviderType type(JsonNode entry) {
        return ProviderType.of(entry.path("type").asText()).orElseThrow();
    }

    /** The provider an entry holds, as the console's GET answers it; null for an entry the console does not read. */
    @SuppressWarnings("unchecked")
    static ProviderSpec spec(JsonNode entry, String proxyName, String namespace) {
        String name = entry.path(ProviderEntry.ID).asText("");
        ProviderType type = ProviderType.of(entry.path("type").asText()).orElse(null);
        if (name.isBlank() || type == null || !entry.isObject()) {
            return null;
        }
        ObjectNode failover = ProviderEntry.failover(entry);
        ObjectNode raw = ProviderEntry.raw(entry, type);
        return new ProviderSpec(name, type.wire(), ProviderEntry.protocol(entry), ProviderEntry.tokens(entry),
                failover == null ? null : Json.MAPPER.convertValue(failover, ProviderSpec.TokenFailover.class),
                proxyName, raw.isEmpty() ? null : Json.MAPPER.convertValue(raw, Map.class), namespace);
    }
}
