package io.higress.fleet.resources.consumer;

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
import io.higress.fleet.resources.consumer.ConsumerSpec.Credential;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A consumer through the console's {@code /v1/consumers} (ConsumersController): POST creates, PUT updates, DELETE
 * removes (the console answers 500 "still in use" while an allow list names it); no version (the last writer wins).
 * The form reads the whole list, so that a credential value another consumer holds is a 400 here, before the console
 * would refuse it with a 500. A BEARER credential is sent without {@code key}, which the console drops.
 */
final class ConsoleConsumerForm implements Form<ConsumerSpec> {
    static final ConsoleType CONSUMERS = new ConsoleType("/v1/consumers", false, false);

    @Override
    public Uni<Copy<ConsumerSpec>> read(StoreReads reads, String namespace, String name, ConsumerSpec desired) {
        return reads.list(CONSUMERS, null).map(all -> {
            StoredObject own = all.stream().filter(o -> o.address().name().equals(name)).findFirst().orElse(null);
            List<StoredObject> others = all.stream().filter(o -> o != own).toList();
            ConsumerSpec spec = own == null ? null : spec(own.body(), namespace);
            return spec == null ? Copy.<ConsumerSpec>absent(namespace, name, others)
                    : new Copy<>(namespace, name, spec, List.of(own), others, true, own.version());
        });
    }

    @Override
    public Uni<List<Copy<ConsumerSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(CONSUMERS, null).map(all -> all.stream().map(o -> {
            ConsumerSpec spec = spec(o.body(), namespace);
            return spec == null ? Copy.<ConsumerSpec>absent(namespace, o.address().name(), List.of())
                    : new Copy<>(namespace, spec.name(), spec, List.of(o), List.of(), true, o.version());
        }).filter(Copy::exists).toList());
    }

    /** The Consumer the console answers; its credentials of other types (none today) left out. */
    private static ConsumerSpec spec(JsonNode body, String namespace) {
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            return null;
        }
        List<Credential> credentials = new ArrayList<>();
        for (JsonNode c : body.path("credentials")) {
            if (!KeyAuthCredentials.TYPE.equals(c.path("type").asText())) {
                continue;
            }
            List<String> values = new ArrayList<>();
            c.path("values").forEach(v -> values.add(v.asText()));
            credentials.add(new Credential(KeyAuthCredentials.TYPE, text(c.get("source")), text(c.get("key")),
                    values));
        }
        return new ConsumerSpec(name, credentials, namespace);
    }

    @Override
    public List<Part> parts(ConsumerSpec spec, String namespace, Copy<ConsumerSpec> current) {
        KeyAuthCredentials.refuseShared(spec, current.related().stream().map(o -> spec(o.body(), namespace))
                .filter(Objects::nonNull).toList());
        Credential k = KeyAuthCredentials.of(spec);
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", spec.name());
        ObjectNode c = body.putArray("credentials").addObject();
        c.put("type", KeyAuthCredentials.TYPE).put("source", k.source());
        if (!"BEARER".equals(k.source())) {
            c.put("key", k.key());
        }
        ArrayNode values = c.putArray("values");
        k.values().forEach(values::add);
        return List.of(new Part(CONSUMERS.address(spec.name()), body, null));
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
