package io.higress.fleet.resources.servicesource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A service source through the console's {@code /v1/service-sources}: the ServiceSource body, the type's fields in
 * {@code properties} (the ones its converter keeps: nacos {@code nacosNamespaceId, nacosGroups}, zookeeper
 * {@code zkServicesPath}, consul {@code consulDatacenter, consulServiceTag, consulRefreshInterval}), {@code vport}
 * as its Jackson names it ({@code defaultValue}, {@code servicesVport}). Fields the console cannot hold
 * ({@code nacosAddressServer}, the nacos keys, {@code authSecretName}: it keeps credentials in {@code authN}, a
 * Secret of its own) are a 400 for that cluster. An update keeps what else the console answered (its {@code authN}
 * and properties the facade does not model). Sources have no mark: they count as the fleet's.
 */
final class ConsoleSourceForm implements Form<ServiceSourceSpec> {
    static final ConsoleType SOURCES = new ConsoleType("/v1/service-sources", false, false);
    private static final List<String> COMMON = List.of("name", "type", "domain", "port", "protocol", "sni",
            "proxyName", "vport");
    private static final List<String> PROPERTIES = List.of("nacosNamespaceId", "nacosGroups", "zkServicesPath",
            "consulDatacenter", "consulServiceTag", "consulRefreshInterval");
    private static final Map<String, Function<ServiceSourceSpec, Object>> NOT_HELD = Map.of(
            "nacosAddressServer", ServiceSourceSpec::nacosAddressServer,
            "nacosAccessKey", ServiceSourceSpec::nacosAccessKey,
            "nacosSecretKey", ServiceSourceSpec::nacosSecretKey,
            "authSecretName", ServiceSourceSpec::authSecretName);

    @Override
    public Uni<Copy<ServiceSourceSpec>> read(StoreReads reads, String namespace, String name,
            ServiceSourceSpec desired) {
        return reads.get(SOURCES.address(name)).map(o -> o == null
                ? Copy.<ServiceSourceSpec>absent(namespace, name, List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<ServiceSourceSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(SOURCES, null).map(all -> all.stream().map(o -> copy(o, namespace)).toList());
    }

    private static Copy<ServiceSourceSpec> copy(StoredObject o, String namespace) {
        return new Copy<>(namespace, o.address().name(), fromConsole(o.body(), namespace), List.of(o), List.of(),
                true, o.version());
    }

    static ServiceSourceSpec fromConsole(JsonNode s, String namespace) {
        JsonNode p = s.path("properties");
        ServiceSourceSpec.VPort vport = null;
        if (s.get("vport") instanceof ObjectNode v) {
            ObjectNode k = Json.MAPPER.createObjectNode();
            k.set("default", v.get("defaultValue"));
            k.set("services", v.get("servicesVport"));
            vport = SourceRegistry.vport(withoutNulls(k));
        }
        return new ServiceSourceSpec(SourceRegistry.text(s, "name"), SourceRegistry.text(s, "type"),
                SourceRegistry.text(s, "domain"), SourceRegistry.integer(s, "port"),
                SourceRegistry.text(s, "protocol"), SourceRegistry.text(s, "sni"),
                SourceRegistry.text(s, "proxyName"), vport, SourceRegistry.text(p, "nacosNamespaceId"),
                SourceRegistry.strings(p, "nacosGroups"), null, null, null,
                SourceRegistry.strings(p, "zkServicesPath"), SourceRegistry.text(p, "consulDatacenter"),
                SourceRegistry.text(p, "consulServiceTag"), SourceRegistry.integer(p, "consulRefreshInterval"), null,
                namespace);
    }

    @Override
    public List<Part> parts(ServiceSourceSpec spec, String namespace, Copy<ServiceSourceSpec> current) {
        List<FieldError> notHeld = NOT_HELD.entrySet().stream().filter(e -> e.getValue().apply(spec) != null)
                .map(e -> new FieldError(e.getKey(), "a console-managed cluster cannot hold it (the console's "
                        + "service sources have no " + e.getKey() + ")"))
                .sorted(Comparator.comparing(FieldError::field)).toList();
        if (!notHeld.isEmpty()) {
            throw new ProblemException(Problem.invalid(notHeld));
        }
        ObjectNode desired = toConsole(spec);
        ObjectNode body = current.parts().isEmpty() ? desired : over(current.parts().get(0).body(), desired);
        return List.of(new Part(SOURCES.address(spec.name()), body, null));
    }

    /** The body, with the defaults the console's converter gives unset properties (so a re-read is unchanged). */
    static ObjectNode toConsole(ServiceSourceSpec s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", s.name()).put("type", s.type()).put("domain", s.domain()).put("port", s.port());
        putIfSet(o, "protocol", s.protocol());
        putIfSet(o, "sni", s.sni());
        putIfSet(o, "proxyName", s.proxyName());
        if (s.vport() != null) {
            ObjectNode v = o.putObject("vport");
            if (s.vport().defaultPort() != null) {
                v.put("defaultValue", s.vport().defaultPort());
            }
            if (s.vport().services() != null) {
                ArrayNode services = v.putArray("servicesVport");
                s.vport().services().forEach(p -> services.addObject().put("name", p.name()).put("value", p.value()));
            }
        }
        ObjectNode p = o.putObject("properties");
        RegistryType type = RegistryType.of(s.type());
        if (type.nacos()) {
            p.put("nacosNamespaceId", s.nacosNamespaceId() == null ? "" : s.nacosNamespaceId());
            SourceRegistry.strings(p.putArray("nacosGroups"), s.nacosGroups());
        } else if (type == RegistryType.ZOOKEEPER) {
            SourceRegistry.strings(p.putArray("zkServicesPath"), s.zkServicesPath());
        } else if (type == RegistryType.CONSUL) {
            p.put("consulDatacenter", s.consulDatacenter());
            p.put("consulServiceTag", s.consulServiceTag() == null ? "" : s.consulServiceTag());
            if (s.consulRefreshInterval() != null) {
                p.put("consulRefreshInterval", s.consulRefreshInterval());
            }
        }
        return o;
    }

    /** The current source with the facade's fields replaced (unset ones removed); other properties kept. */
    private static ObjectNode over(ObjectNode current, ObjectNode desired) {
        ObjectNode out = current.deepCopy();
        COMMON.forEach(out::remove);
        desired.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("properties")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        ObjectNode props = out.get("properties") instanceof ObjectNode p ? p : out.putObject("properties");
        PROPERTIES.forEach(props::remove);
        props.setAll((ObjectNode) desired.get("properties"));
        out.remove("version");
        return withoutNulls(out);
    }

    private static ObjectNode withoutNulls(ObjectNode o) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        o.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                out.set(f.getKey(), f.getValue() instanceof ObjectNode c ? withoutNulls(c) : f.getValue());
            }
        });
        return out;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
