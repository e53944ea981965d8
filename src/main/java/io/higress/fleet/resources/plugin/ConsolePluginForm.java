package io.higress.fleet.resources.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * plugin ⇄ the console's two objects: the plugin definition ({@code /v1/wasm-plugins}: image, phase, priority) and
 * its GLOBAL instance ({@code /v1/global/plugin-instances/{name}}: {@code enabled} + {@code configurations}, the
 * equivalent of a WasmPlugin's {@code defaultConfig} / {@code defaultConfigDisable}).
 * <ul>
 * <li>A built-in plugin of the console (the console's definition says {@code builtIn}): the object is its instance
 * only. The console fixes built-ins' image, phase and priority, so those fields of the request do not apply (reads
 * show the console's values). Its instance has nowhere to carry the fleet's mark: it counts as the fleet's unless
 * the console marks it internal.</li>
 * <li>A custom plugin ({@code url} {@code oci://repo/name:tag}): its definition ({@code imageRepository oci://repo/name},
 * {@code imageVersion tag} or {@code latest}, {@code category custom} and a title, which the console requires) and then
 * its instance. The mark is the definition's description.</li>
 * <li>{@code matchRules} are per route/domain instances in the console: not supported here (400).</li>
 * </ul>
 */
public final class ConsolePluginForm implements Form<PluginSpec> {
    static final ConsoleType DEFINITIONS = new ConsoleType("/v1/wasm-plugins", false, false);
    static final ConsoleType INSTANCES = new ConsoleType("/v1/global/plugin-instances", true, true);
    /** The fleet's mark on a custom plugin's definition. */
    static final String MARK = "managed by higress-fleet";
    static final String DEFINITION = "definition";
    static final String INSTANCE = "instance";

    private final PluginImages images;

    ConsolePluginForm(PluginImages images) {
        this.images = images;
    }

    @Override
    public Uni<Copy<PluginSpec>> read(StoreReads reads, String namespace, String name, PluginSpec desired) {
        return reads.get(DEFINITIONS.address(name)).chain(definition -> definition == null
                ? Uni.createFrom().item(Copy.<PluginSpec>absent(namespace, name, List.of()))
                : reads.get(INSTANCES.address(name)).map(instance -> copy(namespace, definition, instance)));
    }

    /** One instance read per definition: the console has no list of global instances with their definitions. */
    @Override
    public Uni<List<Copy<PluginSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(DEFINITIONS, null).chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(d -> reads.get(INSTANCES.address(d.address().name()))
                        .map(instance -> copy(namespace, d, instance)))
                .select().where(Copy::exists)
                .collect().asList());
    }

    private static Copy<PluginSpec> copy(String namespace, StoredObject definition, StoredObject instance) {
        String name = definition.address().name();
        if (builtIn(definition.body())) {
            if (instance == null) {
                return Copy.absent(namespace, name, List.of(definition));
            }
            boolean internal = instance.body().path("internal").asBoolean(false);
            return new Copy<>(namespace, name, fromConsole(definition.body(), instance.body()), List.of(instance),
                    List.of(definition), !internal, instance.version());
        }
        List<StoredObject> parts = new ArrayList<>(List.of(definition));
        if (instance != null) {
            parts.add(instance);
        }
        return new Copy<>(namespace, name, fromConsole(definition.body(), instance == null ? null : instance.body()),
                parts, List.of(), MARK.equals(definition.body().path("description").asText(null)),
                instance != null && instance.version() != null ? instance.version() : definition.version());
    }

    @Override
    public List<Part> parts(PluginSpec p, String namespace, Copy<PluginSpec> current) {
        if (p.matchRules() != null && !p.matchRules().isEmpty()) {
            throw new ProblemException(Problem.invalid("matchRules", "not supported on console-managed clusters: the "
                    + "console keeps per-route and per-domain configuration as separate plugin instances"));
        }
        StoredObject definition = find(current, DEFINITIONS);
        StoredObject instance = find(current, INSTANCES);
        List<Part> parts = new ArrayList<>();
        if (definition != null && builtIn(definition.body())) {
            String own = url(definition.body());
            if (p.url() != null && !p.url().equals(own) && !images.imageFor(p.name()).map(p.url()::equals).orElse(false)) {
                throw new ProblemException(Problem.invalid("url", p.name() + " is a built-in plugin of the console, "
                        + "which fixes its image (" + own + "): leave url out to configure it"));
            }
        } else if (p.url() == null) {
            throw new ProblemException(Problem.invalid("url", "required: the console has no built-in plugin named "
                    + p.name()));
        } else {
            parts.add(new Part(DEFINITIONS.address(p.name()), definition(p, definition, current.spec()), DEFINITION));
        }
        parts.add(new Part(INSTANCES.address(p.name()), instance(p, instance), INSTANCE));
        return parts;
    }

    /** A custom plugin's definition: the current one with the facade fields that changed replaced. */
    ObjectNode definition(PluginSpec p, StoredObject current, PluginSpec was) {
        ObjectNode o = current == null ? Json.MAPPER.createObjectNode() : current.body().deepCopy();
        o.put("name", p.name());
        if (current == null) {
            o.put("title", p.name());
            o.put("category", "custom");
        }
        o.put("description", MARK);
        if (current == null || was == null || !Objects.equals(was.url(), p.url())) {
            int slash = p.url().lastIndexOf('/');
            int colon = p.url().lastIndexOf(':');
            boolean tagged = colon > slash && slash >= 0;
            o.put("imageRepository", tagged ? p.url().substring(0, colon) : p.url());
            o.put("imageVersion", tagged ? p.url().substring(colon + 1) : "latest");
        }
        if (current == null || was == null || !Objects.equals(was.phase(), p.phase())) {
            o.put("phase", p.phase() != null ? PluginValidator.canonicalPhase(p.phase()) : "UNSPECIFIED_PHASE");
        }
        if (p.priority() != null) {
            o.put("priority", p.priority());
        }
        return o;
    }

    /** The global instance: enabled and configurations are the facade's; the rest is kept as the console has it. */
    static ObjectNode instance(PluginSpec p, StoredObject current) {
        ObjectNode o = current == null ? Json.MAPPER.createObjectNode() : current.body().deepCopy();
        JsonNode configurations = p.config() == null ? Json.MAPPER.createObjectNode() : Json.tree(p.config());
        if (!configurations.equals(o.get("configurations"))) {
            o.remove("rawConfigurations"); // derived from configurations by the console; a stale copy must not win
        }
        o.put("scope", "GLOBAL");
        o.put("pluginName", p.name());
        o.put("enabled", !Boolean.FALSE.equals(p.enabled()));
        o.set("configurations", configurations);
        return o;
    }

    @SuppressWarnings("unchecked")
    static PluginSpec fromConsole(JsonNode definition, JsonNode instance) {
        JsonNode conf = instance == null ? null : instance.path("configurations");
        return new PluginSpec(
                definition.path("name").asText(),
                PluginSpec.TYPE,
                PluginValidator.facadePhase(definition.path("phase").asText(null)),
                definition.path("priority").isNumber() ? definition.get("priority").asInt() : null,
                conf != null && conf.isObject() ? Json.MAPPER.convertValue(conf, Map.class) : null,
                url(definition),
                null,
                instance != null && instance.path("enabled").asBoolean(false),
                null);
    }

    private static String url(JsonNode definition) {
        String repo = definition.path("imageRepository").asText(null);
        String tag = definition.path("imageVersion").asText(null);
        return repo == null ? null : tag == null ? repo : repo + ":" + tag;
    }

    static boolean builtIn(JsonNode definition) {
        return definition.path("builtIn").asBoolean(false);
    }

    private static StoredObject find(Copy<PluginSpec> current, ConsoleType type) {
        return java.util.stream.Stream.concat(current.parts().stream(), current.related().stream())
                .filter(o -> o.address().type().equals(type)).findFirst().orElse(null);
    }
}
