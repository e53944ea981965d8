package io.higress.fleet.resources.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * domain ⇄ the console's {@code /v1/domains} {@code {name, version, enableHttps, certIdentifier}}. A domain has
 * nowhere to carry the fleet's mark: it counts as the fleet's, except the console's own default domain
 * ({@code higress-default-domain}, created at its start-up), which needs force. The console refuses a stale version
 * (409) and deleting a domain that routes still use (a 409 with the hint to remove them first).
 */
final class ConsoleDomainForm implements Form<DomainSpec> {
    static final ConsoleType DOMAINS = new ConsoleType("/v1/domains", false, false);
    static final String CONSOLE_DEFAULT = "higress-default-domain";

    @Override
    public Uni<Copy<DomainSpec>> read(StoreReads reads, String namespace, String name, DomainSpec desired) {
        return reads.get(DOMAINS.address(name))
                .map(o -> o == null ? Copy.<DomainSpec>absent(namespace, name, List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<DomainSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(DOMAINS, null).map(all -> all.stream().map(o -> copy(o, namespace)).toList());
    }

    @Override
    public List<Part> parts(DomainSpec d, String namespace, Copy<DomainSpec> current) {
        ObjectNode o = current.parts().isEmpty() ? Json.MAPPER.createObjectNode()
                : current.parts().get(0).body().deepCopy();
        o.remove("version");
        o.put("name", d.name()).put("enableHttps", d.enableHttps() != null ? d.enableHttps() : "off");
        if (d.certIdentifier() != null) {
            o.put("certIdentifier", d.certIdentifier());
        } else {
            o.putNull("certIdentifier");
        }
        return List.of(new Part(DOMAINS.address(d.name()), o, null));
    }

    private static Copy<DomainSpec> copy(StoredObject o, String namespace) {
        JsonNode b = o.body();
        String name = b.path("name").asText(o.address().name());
        DomainSpec spec = new DomainSpec(name, text(b, "enableHttps"), text(b, "certIdentifier"), namespace);
        return new Copy<>(namespace, name, spec, List.of(o), List.of(), !CONSOLE_DEFAULT.equals(name), o.version());
    }

    private static String text(JsonNode b, String key) {
        JsonNode v = b.path(key);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
