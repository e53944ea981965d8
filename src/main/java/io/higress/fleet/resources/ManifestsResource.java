package io.higress.fleet.resources;

import io.higress.fleet.problem.StrictQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/manifests}: objects of the registered kinds' Kubernetes types ({@link Kinds#types()}) as they
 * are (multi-document YAML or a JSON list), created or updated in every targeted cluster, for GitOps bots and for
 * the output of {@code GET /api/v1/export}.
 */
@StrictQuery
@Path("/api/v1/manifests")
@Tag(name = "manifests", description = "Raw Kubernetes objects in, managed objects out (docs/resources.md)")
public class ManifestsResource {

    /** A Kubernetes object as manifests hold it (its spec is the CRD's). */
    @Schema(name = "KubernetesObject", description = "a Kubernetes object: apiVersion, kind, metadata (name, "
            + "namespace, labels, annotations) and spec", requiredProperties = {"apiVersion", "kind", "metadata"})
    @RegisterForReflection
    record KubernetesObject(String apiVersion, String kind, Map<String, Object> metadata, Map<String, Object> spec) {
    }

    private final ResourceEndpoints endpoints;

    public ManifestsResource(ResourceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "applyManifests", summary = "Create or update raw Higress objects in every targeted "
            + "cluster", description = "Objects of the registered kinds' Kubernetes types (Ingress, WasmPlugin, "
            + "McpBridge, Http2Rpc, the ConfigMaps and Secrets of domains and certificates, ...) as they are: "
            + "created where absent, updated where present; "
            + "Kubernetes-managed clusters only (a console-managed one is a per-cluster 400).")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.STRING,
                    description = "multi-document YAML of Kubernetes objects (GET /api/v1/export writes it)")),
            @Content(mediaType = "application/x-yaml", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "text/yaml", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = KubernetesObject.class, description = "the objects; one object alone is taken "
                    + "too (not declared as oneOf: openapi-generator's Java cannot compile a oneOf with an array)"))})
    @APIResponse(responseCode = "201", description = "created in every targeted cluster",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "200", description = "every targeted cluster succeeded (or the dryRun plan)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "207", description = "some clusters or objects failed: each result says",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WriteAnswer.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    @APIResponse(responseCode = "503", ref = "UpstreamUnavailable")
    @APIResponse(responseCode = "504", ref = "UpstreamTimeout")
    public Uni<Response> apply(String body, @BeanParam WriteParams params, @Context HttpServerRequest request) {
        return endpoints.apply(new ManifestParser(endpoints.namespace(params.namespace)).parse(body,
                params.force(request)), params, request);
    }
}
