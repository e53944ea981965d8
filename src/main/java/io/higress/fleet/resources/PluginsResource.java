package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Plugins (contract §5): extensions.higress.io/v1alpha1 WasmPlugins in every targeted cluster. */
@StrictQuery
@Path("/api/v1/plugins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plugins")
public class PluginsResource {

    private final ResourceEndpoints endpoints;
    private final ResourceModels models;

    public PluginsResource(ResourceEndpoints endpoints, ResourceModels models) {
        this.endpoints = endpoints;
        this.models = models;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a plugin in every targeted cluster (409 for each cluster where it exists)")
    public Uni<Response> create(String body, @BeanParam WriteParams params, HttpServerRequest request) {
        return endpoints.create(models.plugins(params.namespace), body, params, request);
    }

    @GET
    @Operation(summary = "Every plugin of the targeted clusters, each once, with the clusters holding it and drift")
    public Uni<Response> list(@BeanParam ReadParams params) {
        return endpoints.list(models.plugins(params.namespace), params);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One plugin across the targeted clusters")
    public Uni<Response> get(@PathParam("name") String name, @BeanParam ReadParams params,
            HttpServerRequest request) {
        return endpoints.get(models.plugins(params.namespace), name, params, request);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge the given fields into the plugin in every targeted cluster (404 where it is missing)")
    public Uni<Response> update(@PathParam("name") String name, String body, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return endpoints.update(models.plugins(params.namespace), name, RequestReader.tree(body), params, request);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete the plugin from every targeted cluster")
    public Uni<Response> delete(@PathParam("name") String name, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return endpoints.delete(models.plugins(params.namespace), name, params, request);
    }

    @POST
    @Path("/{name}/enable")
    @Operation(summary = "Switch the plugin on in every targeted cluster (spec.defaultConfigDisable false)")
    public Uni<Response> enable(@PathParam("name") String name, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return switchTo(true, name, params, request);
    }

    @POST
    @Path("/{name}/disable")
    @Operation(summary = "Switch the plugin off in every targeted cluster (spec.defaultConfigDisable true)")
    public Uni<Response> disable(@PathParam("name") String name, @BeanParam WriteParams params,
            HttpServerRequest request) {
        return switchTo(false, name, params, request);
    }

    private Uni<Response> switchTo(boolean enabled, String name, WriteParams params, HttpServerRequest request) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode().put("enabled", enabled);
        return endpoints.update(models.plugins(params.namespace), name, patch, params, request);
    }
}
