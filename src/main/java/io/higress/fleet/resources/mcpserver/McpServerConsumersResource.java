package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.resources.ReadParams;
import io.higress.fleet.resources.ResourceEndpoints;
import io.higress.fleet.resources.WriteParams;
import io.higress.fleet.resources.mcpserver.McpServerSpec.ConsumerAuthInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An MCP server's allow list ({@code /api/v1/mcp-servers/{name}/consumers}), as the console's
 * {@code /v1/mcpServer/consumers} (McpServiceContextImpl: addAllowConsumers, deleteAllowConsumers,
 * listAllowConsumers): POST adds consumers, DELETE removes them (the allow list's ADD and REMOVE: the route's
 * key-auth instance keeps its enabled state, a new one is disabled), GET lists them. Each write is a change of the
 * server's {@code consumerAuthInfo} in every targeted cluster, with everything a PUT has (targeting, dryRun,
 * per-cluster results, audit, rollout locks).
 */
@StrictQuery
@RegisterForReflection // StrictQueryFilter reads its parameters reflectively
@Tag(name = "mcp-servers")
@Path("/api/v1/mcp-servers/{name}/consumers")
@Produces(MediaType.APPLICATION_JSON)
public class McpServerConsumersResource {

    /** The body of a POST or DELETE: consumer names. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record McpServerConsumerNames(List<String> consumers) {
    }

    /** The allow list across the targeted clusters: as the first copy has it, and whether copies differ. */
    @RegisterForReflection
    public record McpServerAllowList(String mcpServerName, List<String> consumers, List<String> clusters, boolean drift) {
    }

    private static final McpServerKind KIND = new McpServerKind();

    private final ResourceEndpoints endpoints;

    public McpServerConsumersResource(ResourceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GET
    @Operation(operationId = "listMcpServerConsumers", summary = "The consumers an MCP server's allow list names")
    @APIResponse(responseCode = "200", description = "the allow list as the first targeted cluster holds it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = McpServerAllowList.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> list(@PathParam("name") String name, @BeanParam ReadParams params,
            @Context HttpServerRequest request) {
        return endpoints.get(kind(), name, params, request).map(r -> r.getStatus() != 200
                || !(r.getEntity() instanceof ObjectNode item) ? r : Response.ok(allowList(name, item),
                MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addMcpServerConsumers", summary = "Add consumers to an MCP server's allow list in "
            + "every targeted cluster")
    @APIResponse(responseCode = "200", description = "every targeted cluster succeeded (or the dryRun plan)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WriteAnswer")))
    @APIResponse(responseCode = "207", description = "some clusters failed: each result says",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WriteAnswer")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = McpServerConsumerNames.class),
            examples = @ExampleObject(name = "consumers", value = "{\"consumers\": [\"alice\"]}")))
    public Uni<Response> add(@PathParam("name") String name, String body, @BeanParam WriteParams params,
            @Context HttpServerRequest request) {
        return change(name, body, params, request, (now, given) -> {
            Set<String> out = new LinkedHashSet<>(now);
            out.addAll(given);
            return out;
        });
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "removeMcpServerConsumers", summary = "Remove consumers from an MCP server's allow list "
            + "in every targeted cluster")
    @APIResponse(responseCode = "200", description = "every targeted cluster succeeded (or the dryRun plan)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WriteAnswer")))
    @APIResponse(responseCode = "207", description = "some clusters failed: each result says",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WriteAnswer")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = McpServerConsumerNames.class),
            examples = @ExampleObject(name = "consumers", value = "{\"consumers\": [\"alice\"]}")))
    public Uni<Response> remove(@PathParam("name") String name, String body, @BeanParam WriteParams params,
            @Context HttpServerRequest request) {
        return change(name, body, params, request, (now, given) -> {
            Set<String> out = new LinkedHashSet<>(now);
            given.forEach(out::remove);
            return out;
        });
    }

    private Uni<Response> change(String name, String body, WriteParams params, HttpServerRequest request,
            BiFunction<List<String>, List<String>, Set<String>> edit) {
        JsonNode tree = RequestReader.tree(body);
        McpServerConsumerNames given = RequestReader.read(tree, McpServerConsumerNames.class);
        if (given.consumers() == null || given.consumers().isEmpty()) {
            throw new ProblemException(Problem.invalid("consumers", "must have at least one entry"));
        }
        for (int i = 0; i < given.consumers().size(); i++) {
            if (given.consumers().get(i) == null || given.consumers().get(i).isBlank()) {
                throw new ProblemException(Problem.invalid("consumers[" + i + "]", "is required"));
            }
        }
        return endpoints.change(kind(), name, s -> {
            ConsumerAuthInfo auth = s.consumerAuthInfo();
            List<String> now = auth == null || auth.allowedConsumers() == null ? List.of() : auth.allowedConsumers();
            ConsumerAuthInfo changed = new ConsumerAuthInfo(auth == null ? McpServerValidator.KEY_AUTH : auth.type(),
                    auth == null ? Boolean.FALSE : auth.enable(), new ArrayList<>(edit.apply(now,
                    given.consumers())));
            return new McpServerSpec(s.name(), s.description(), s.type(), s.domains(), s.services(), changed,
                    s.rawConfigurations(), s.dbType(), s.dbConfig(), s.directRouteConfig(), s.namespace());
        }, params, request, tree);
    }

    private static McpServerAllowList allowList(String name, ObjectNode item) {
        List<String> clusters = new ArrayList<>();
        item.path("clusters").forEach(c -> clusters.add(c.asText()));
        List<List<String>> each = new ArrayList<>();
        item.path("copies").forEach(copy -> each.add(consumers(copy)));
        boolean drift = each.stream().distinct().count() > 1;
        return new McpServerAllowList(name, consumers(item), clusters, drift);
    }

    private static List<String> consumers(JsonNode spec) {
        List<String> out = new ArrayList<>();
        if (spec.path("consumerAuthInfo").path("allowedConsumers") instanceof ArrayNode a) {
            a.forEach(c -> out.add(c.asText()));
        }
        return out;
    }

    private static McpServerKind kind() {
        return KIND;
    }
}
