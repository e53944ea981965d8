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

/** Routes (contract §5): networking.k8s.io/v1 Ingresses of class higress in every targeted cluster. */
@StrictQuery
@Path("/api/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "routes")
public class RoutesResource {

    private final ResourceEndpoints endpoints;
    private final ResourceModels models;

    public RoutesResource(ResourceEndpoints endpoints, ResourceModels models) {
        this.endpoints = endpoints;
        this.models = models;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a route in every targeted cluster (409 for each cluster where it exists)")
    public Uni<Response> create(String body, @BeanParam WriteParams params, HttpServerRequest request) {
        return endpoints.create(models.routes(params.namespace), body, params, request);
    }

    @GET
    @Operation(summary = "Every route of the targeted clusters, each once, with the clusters holding it and drift")
    public Uni<Response> list(@BeanParam ReadParams params) {
        return endpoints.list(models.routes(params.namespace), params);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One route across the targeted clusters")
    public Uni<Response> get(@PathParam("name") String name, @BeanParam ReadParams params,
            HttpServerRequest request) {
        return endpoints.get(models.routes(params.namespace), name, params, request);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the given fields into the route in every targeted cluster (404 where it is missing)")
    public Uni<Response> update(@PathParam("name") String name, String body, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return endpoints.update(models.routes(params.namespace), name, RequestReader.tree(body), params, request);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete the route from every targeted cluster")
    public Uni<Response> delete(@PathParam("name") String name, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return endpoints.delete(models.routes(params.namespace), name, params, request);
    }
}
