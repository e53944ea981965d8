package io.higress.fleet.resources;

import io.higress.fleet.problem.StrictQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The endpoints of every registered kind (contract §5): {@code /api/v1/<plural>} for each kind of {@link Kinds}
 * (routes, plugins, mcp-bridges, ..., and {@code ai/providers} under the AI group), answered through its descriptor;
 * an unknown plural is a 404 naming the kinds.
 * Literal paths of other resources ({@code /api/v1/clusters}, {@code /api/v1/rollouts}, ...) match before this one.
 * The API description lists each kind at its own path ({@code openapi.KindPaths}).
 */
@StrictQuery
@Path("/api/v1/{kind: " + KindsResource.PLURAL + "}")
@Produces(MediaType.APPLICATION_JSON)
public class KindsResource {

    /** A plural, or one under a group as the console's {@code /v1/ai/...} ({@code ai/providers}). */
    static final String PLURAL = "ai/[a-z0-9-]+|[a-z0-9-]+";

    private final ResourceEndpoints endpoints;

    public KindsResource(ResourceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an object in every targeted cluster (409 for each cluster where it exists)")
    public Uni<Response> create(@PathParam("kind") @Parameter(description = "the kind's plural") String kind,
            String body, @BeanParam BodyWriteParams params, @Context HttpServerRequest request) {
        return endpoints.create(Kinds.byPlural(kind), body, params, request);
    }

    @GET
    @Operation(summary = "Every object of the kind in the targeted clusters, each once, with the clusters holding it "
            + "and drift")
    public Uni<Response> list(@PathParam("kind") String kind, @BeanParam ListParams params) {
        return endpoints.list(Kinds.byPlural(kind), params);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One object across the targeted clusters")
    public Uni<Response> get(@PathParam("kind") String kind, @PathParam("name") String name,
            @BeanParam ReadParams params, @Context HttpServerRequest request) {
        return endpoints.get(Kinds.byPlural(kind), name, params, request);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the given fields into the object in every targeted cluster (404 where it is missing)")
    public Uni<Response> update(@PathParam("kind") String kind, @PathParam("name") String name, String body,
            @BeanParam BodyWriteParams params, @Context HttpServerRequest request) {
        return endpoints.update(Kinds.byPlural(kind), name, body, params, request);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete the object from every targeted cluster")
    public Uni<Response> delete(@PathParam("kind") String kind, @PathParam("name") String name,
            @BeanParam WriteParams params, @Context HttpServerRequest request) {
        return endpoints.delete(Kinds.byPlural(kind), name, params, request);
    }

    @POST
    @Path("/{name}/{action}")
    @Operation(summary = "A kind's named change, e.g. plugins' enable (spec.defaultConfigDisable false) and disable")
    public Uni<Response> action(@PathParam("kind") String kind, @PathParam("name") String name,
            @PathParam("action") String action, @BeanParam WriteParams params, @Context HttpServerRequest request) {
        return endpoints.action(Kinds.byPlural(kind), name, action, params, request);
    }
}
