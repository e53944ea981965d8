package io.higress.fleet.resources;

import io.higress.fleet.problem.StrictQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/manifests}: objects of the registered kinds' Kubernetes types ({@link Kinds#types()}) as they
 * are (multi-document YAML or a JSON list), created or updated in every targeted cluster, for GitOps bots and for
 * the output of {@code GET /api/v1/export}.
 */
@StrictQuery
@Path("/api/v1/manifests")
@Tag(name = "manifests")
public class ManifestsResource {

    private final ResourceEndpoints endpoints;

    public ManifestsResource(ResourceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update raw Higress objects in every targeted cluster")
    public Uni<Response> apply(String body, @BeanParam WriteParams params, HttpServerRequest request) {
        return endpoints.apply(new ManifestParser(endpoints.namespace(params.namespace)).parse(body,
                params.force(request)), params, request);
    }
}
