package io.higress.fleet.resources.mcpserver;

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
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An MCP server through the console's McpServerController: {@code PUT /v1/mcpServer} with the whole McpServer
 * (addOrUpdateWithAuthorization: create and update alike, the allow list replaced), {@code GET/DELETE
 * /v1/mcpServer/{name}}. The console names types by their constants ({@code OPEN_API}, {@code MYSQL}); the facade
 * by their values. The console has no version for MCP servers (last writer wins) and answers a database server's
 * generated tool list as its {@code rawConfigurations}, which the copy leaves out. {@code /v1/services} is read for
 * the check of the services.
 */
final class ConsoleMcpServerForm implements Form<McpServerSpec> {
    static final ConsoleType SERVERS = new ConsoleType("/v1/mcpServer", true, false, List.of(), true);
    static final ConsoleType SERVICES = new ConsoleType("/v1/services", false, false);

    @Override
    public Uni<Copy<McpServerSpec>> read(StoreReads reads, String namespace, String name, McpServerSpec desired) {
        return Uni.combine().all().unis(reads.get(SERVERS.address(name)), reads.list(SERVICES, null)).asTuple()
                .map(t -> t.getItem1() == null ? Copy.<McpServerSpec>absent(namespace, name, t.getItem2())
                        : copy(t.getItem1(), namespace, t.getItem2()));
    }

    @Override
    public Uni<List<Copy<McpServerSpec>>> list(StoreReads reads, String namespace) {
        // the console's list has no details (tools, database, direct route): each server is read as GET answers it
        return reads.list(SERVERS, null).chain(all -> all.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(all.stream().map(o -> reads.get(SERVERS.address(o.address().name()))).toList())
                        .andFailFast().map(details -> details.stream().filter(Objects::nonNull)
                                .map(o -> copy(o, namespace, List.of())).filter(Copy::exists).toList()));
    }

    private static Copy<McpServerSpec> copy(StoredObject o, String namespace, List<StoredObject> related) {
        McpServerSpec spec = spec(o.body(), namespace);
        if (spec == null) {
            return Copy.absent(namespace, o.address().name(), related);
        }
        return new Copy<>(namespace, o.address().name(), spec, List.of(o), related, true, o.version());
    }

    /** The facade model of the console's McpServer, or null when it is none. */
    static McpServerSpec spec(JsonNode body, String namespace) {
        ObjectNode b = body.deepCopy();
        McpServerType type = McpServerType.named(b.path("type").asText("")).orElse(null);
        if (type == null || !b.hasNonNull("name")) {
            return null;
        }
        b.put("type", type.value);
        DbType.named(b.path("dbType").asText("")).ifPresent(d -> b.put("dbType", d.value));
        if (type == McpServerType.DATABASE) {
            b.remove("rawConfigurations");
        }
        if (type != McpServerType.DATABASE) {
            b.remove(List.of("dbType", "dbConfig"));
        }
        if (type != McpServerType.DIRECT_ROUTE) {
            b.remove("directRouteConfig");
        }
        if (b.path("domains").isArray() && b.get("domains").isEmpty()) {
            b.remove("domains");
        }
        b.remove(List.of("id", "version"));
        b.put("namespace", namespace);
        return Json.MAPPER.convertValue(b, McpServerSpec.class);
    }

    @Override
    public List<Part> parts(McpServerSpec spec, String namespace, Copy<McpServerSpec> current) {
        Set<String> listed = current.related().stream().map(o -> o.body().path("name").asText())
                .collect(Collectors.toSet());
        for (int i = 0; i < spec.services().size(); i++) {
            if (!listed.contains(spec.services().get(i).name())) {
                throw new ProblemException(Problem.invalid("services[" + i + "].name", "the console lists no service "
                        + spec.services().get(i).name() + " (GET /v1/services)"));
            }
        }
        return List.of(new Part(SERVERS.address(spec.name()), body(spec), null));
    }

    /** The McpServer the console takes: the facade model with the types' constants, without namespace. */
    static ObjectNode body(McpServerSpec spec) {
        ObjectNode b = (ObjectNode) Json.tree(spec);
        b.remove("namespace");
        b.put("type", McpServerType.of(spec.type()).orElseThrow().name());
        if (spec.dbType() != null) {
            b.put("dbType", DbType.of(spec.dbType()).orElseThrow().name());
        }
        return b;
    }
}
