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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The endpoints of kinds whose plural lies under the {@code ai/} group ({@code /api/v1/ai/providers},
 * {@code /api/v1/ai/routes}, as the Higress Console's {@code /v1/ai/...}): the same as {@link KindsResource}, for
 * the plural {@code ai/<kind>}. The literal {@code ai} segment matches before KindsResource's {@code {kind}/{name}}.
 */
@StrictQuery
@Path(AiKindsResource.GROUP_PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources")
public class AiKindsResource {
    static final String GROUP = "ai/";
    static final String GROUP_PATH = "/api/v1/ai/{kind}";

    private final ResourceEndpoints endpoints;

    public AiKindsResource(ResourceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an object in every targeted cluster (409 for each cluster where it exists)")
    public Uni<Response> create(@PathParam("kind") String kind, String body, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return endpoints.create(Kinds.byPlural(GROUP + kind), body, params, request);
    }

    @GET
    @Operation(summary = "Every object of the kind in the targeted clusters, each once, with the clusters holding it "
            + "and drift")
    public Uni<Response> list(@PathParam("kind") String kind, @BeanParam ListParams params) {
        return endpoints.list(Kinds.byPlural(GROUP + kind), params);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One object across the targeted clusters")
    public Uni<Response> get(@PathParam("kind") String kind, @PathParam("name") String name,
            @BeanParam ReadParams params, HttpServerRequest request) {
        return endpoints.get(Kinds.byPlural(GROUP + kind), name, params, request);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the given fields into the object in every targeted cluster (404 where it is missing)")
    public Uni<Response> update(@PathParam("kind") String kind, @PathParam("name") String name, String body,
            @BeanParam WriteParams params, HttpServerRequest request) {
        return endpoints.update(Kinds.byPlural(GROUP + kind), name, RequestReader.tree(body), params, request);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete the object from every targeted cluster")
    public Uni<Response> delete(@PathParam("kind") String kind, @PathParam("name") String name,
            @BeanParam WriteParams params, HttpServerRequest request) {
        return endpoints.delete(Kinds.byPlural(GROUP + kind), name, params, request);
    }
}
