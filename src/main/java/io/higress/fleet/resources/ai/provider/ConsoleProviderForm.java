package io.higress.fleet.resources.ai.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.ai.InvalidProvider;
import io.higress.fleet.resources.ai.ProviderEntry;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A provider through the console's {@code /v1/ai/providers}: the LlmProvider it answers, whose {@code rawConfigs}
 * are the whole ai-proxy entry. The facade sends the entry it would write to Kubernetes as {@code rawConfigs} (the
 * console's handler overwrites the modelled fields from the body's and normalizes the rest the same way), so the
 * console answers what was sent and an unchanged provider plans {@code unchanged}. Providers have no version (the
 * last writer wins) and nowhere to carry the fleet's mark: they count as the fleet's.
 */
final class ConsoleProviderForm implements Form<ProviderSpec> {
    static final ConsoleType PROVIDERS = new ConsoleType("/v1/ai/providers", false, false);

    @Override
    public Uni<Copy<ProviderSpec>> read(StoreReads reads, String namespace, String name, ProviderSpec desired) {
        return reads.get(PROVIDERS.address(name)).map(o -> o == null ? Copy.<ProviderSpec>absent(namespace, name,
                List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<ProviderSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(PROVIDERS, null).map(all -> all.stream().map(o -> copy(o, namespace))
                .filter(Copy::exists).toList());
    }

    private static Copy<ProviderSpec> copy(StoredObject o, String namespace) {
        JsonNode body = o.body();
        ObjectNode entry = body.get("rawConfigs") instanceof ObjectNode r ? r.deepCopy()
                : Json.MAPPER.createObjectNode();
        // The console answers the modelled fields beside rawConfigs; they win, as they do when it saves.
        entry.put(ProviderEntry.ID, body.path("name").asText()).put("type", body.path("type").asText());
        entry.put("protocol", "original".equals(body.path("protocol").asText()) ? "original" : "openai");
        entry.remove("apiTokens");
        if (body.path("tokens").isArray()) {
            entry.set("apiTokens", body.get("tokens"));
        }
        ProviderSpec spec = Providers.spec(entry, text(body.get("proxyName")), namespace);
        if (spec == null) {
            return Copy.absent(namespace, o.address().name(), List.of());
        }
        return new Copy<>(namespace, o.address().name(), spec, List.of(o), List.of(), true, o.version());
    }

    @Override
    public List<Part> parts(ProviderSpec spec, String namespace, Copy<ProviderSpec> current) {
        ObjectNode entry;
        try {
            entry = Providers.entry(spec);
            Providers.derived(spec.name(), entry);
        } catch (InvalidProvider e) {
            throw e.problem();
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", spec.name()).put("type", spec.type()).put("protocol", ProviderEntry.protocol(entry));
        List<String> tokens = ProviderEntry.tokens(entry);
        if (tokens != null) {
            ArrayNode t = body.putArray("tokens");
            tokens.forEach(t::add);
        }
        ObjectNode failover = ProviderEntry.failover(entry);
        if (failover != null) {
            body.set("tokenFailoverConfig", failover);
        }
        if (spec.proxyName() != null) {
            body.put("proxyName", spec.proxyName());
        }
        body.set("rawConfigs", entry);
        return List.of(new Part(PROVIDERS.address(spec.name()), body, null));
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
