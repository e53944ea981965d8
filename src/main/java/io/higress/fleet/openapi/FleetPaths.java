package io.higress.fleet.openapi;

import io.higress.fleet.admin.GatewayAdminResource;
import io.higress.fleet.admin.parse.ClustersHealth;
import io.higress.fleet.admin.parse.ListenerInfo;
import io.higress.fleet.admin.parse.ReadyState;
import io.higress.fleet.admin.parse.StatsSnapshot;
import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.FleetSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The Envoy admin reads, one path each: {@code /api/v1/fleet/{endpoint}} (a JAX-RS method, and the Vert.x route
 * {@code FleetStreamRoute} for config_dump and the ND-JSON / SSE answers) becomes {@code /api/v1/fleet/ready}, ...
 * for every {@link AdminEndpoint}, each answer's {@code data} with its own schema; and one gateway's raw admin
 * ({@code .../admin/{path}}) becomes one path per allow-listed Envoy path.
 */
final class FleetPaths {
    static final String FLEET = "/api/v1/fleet/{endpoint}";
    static final String GATEWAY = "/api/v1/clusters/{cluster}/gateways/{gateway}/admin/{path}";
    static final String NDJSON = "application/x-ndjson";
    static final String SSE = "text/event-stream";

    private FleetPaths() {
    }

    static void expand(OpenAPI api, JavaSchemas schemas) {
        PathItem fleet = api.getPaths().getPathItem(FLEET);
        api.getPaths().removePathItem(FLEET);
        for (AdminEndpoint endpoint : AdminEndpoint.values()) {
            api.getPaths().addPathItem("/api/v1/fleet/" + endpoint.id(),
                    OASFactory.createPathItem().GET(fleetRead(fleet.getGET(), endpoint, schemas)));
        }
        PathItem gateway = api.getPaths().getPathItem(GATEWAY);
        api.getPaths().removePathItem(GATEWAY);
        for (String path : new TreeSet<>(GatewayAdminResource.READS)) {
            api.getPaths().addPathItem(GATEWAY.replace("{path}", path), OASFactory.createPathItem()
                    .GET(gatewayAdmin(gateway.getGET(), "getGatewayAdmin", path)));
        }
        for (String path : new TreeSet<>(GatewayAdminResource.DANGEROUS)) {
            api.getPaths().addPathItem(GATEWAY.replace("{path}", path), OASFactory.createPathItem()
                    .POST(gatewayAdmin(gateway.getPOST(), "postGatewayAdmin", path)));
        }
    }

    /**
     * One gateway's raw admin passes Envoy's own status through: wherever the facade's problem is documented for a
     * status Envoy can answer too (not 400/401/403, which the facade decides before forwarding), both are listed.
     * Runs after the problems were added to every operation.
     */
    static void listEnvoysOwnStatuses(OpenAPI api) {
        String prefix = GATEWAY.substring(0, GATEWAY.indexOf("{path}"));
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(prefix)) {
                return;
            }
            String envoyPath = path.substring(prefix.length());
            item.getOperations().values().forEach(o -> o.getResponses().getAPIResponses().forEach((status, r) -> {
                if (r.getRef() == null || Set.of("400", "401", "403").contains(status)) {
                    return;
                }
                APIResponse problem = api.getComponents().getResponses().get(r.getRef()
                        .substring(r.getRef().lastIndexOf('/') + 1));
                var content = envoyContent(envoyPath);
                problem.getContent().getMediaTypes().forEach(content::addMediaType);
                o.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(
                        problem.getDescription() + " Or Envoy's own " + status + ", its content type and body as they "
                                + "are.").headers(problem.getHeaders()).content(content));
            }));
        });
    }

    /** What an item's {@code data} holds for each endpoint: the facade's summary, or Envoy's JSON as it is. */
    private static Schema data(AdminEndpoint endpoint, JavaSchemas schemas) {
        return switch (endpoint) {
            case READY -> schemas.of(ReadyState.class);
            case CLUSTERS -> schemas.of(ClustersHealth.class);
            case LISTENERS -> OASFactory.createSchema().addType(SchemaType.ARRAY).items(schemas.of(ListenerInfo.class));
            case STATS -> schemas.of(StatsSnapshot.class);
            case SERVER_INFO, CERTS, MEMORY, CONFIG_DUMP -> OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .description("Envoy's /" + endpoint.id() + " JSON as it answered (secrets redacted for "
                            + "non-admins)");
        };
    }

    private static Operation fleetRead(Operation generic, AdminEndpoint endpoint, JavaSchemas schemas) {
        String id = ProblemAnswers.camel(endpoint.id());
        String item = "Fleet" + id + "Item";
        String answer = "Fleet" + id + "Answer";
        Schema itemSchema = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("one gateway's " + endpoint.id() + ": its data, or the problem it failed with");
        schemas.components().getSchemas().get(schemas.name(FleetItem.class)).getProperties()
                .forEach(itemSchema::addProperty);
        itemSchema.addProperty("data", data(endpoint, schemas));
        itemSchema.addProperty("status", OASFactory.createSchema().addType(SchemaType.STRING)
                .enumeration(List.of("ok", "error")));
        itemSchema.required(List.of("cluster", "gateway", "status", "durationMs"));
        schemas.components().addSchema(item, itemSchema);
        schemas.components().addSchema(answer, OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(JavaSchemas.ref(item)))
                .addProperty("summary", schemas.of(FleetSummary.class))
                .addProperty("partial", OASFactory.createSchema().addType(SchemaType.BOOLEAN))
                .required(List.of("items", "summary", "partial")));

        List<Parameter> parameters = new ArrayList<>(List.of(
                query("clusters", "cluster names, comma-separated", string()),
                query("selector", "label selector over the clusters' labels, e.g. env in (dev,test)", string()),
                query("partial", "warn (default: 200 with the failed gateways as error items and X-Fleet-Partial: "
                        + "true) or abort (the most frequent failure's status, every failure in errors[]); streamed "
                        + "answers take warn only", string().enumeration(List.of("warn", "abort")))));
        for (String name : new TreeSet<>(endpoint.envoyParams())) {
            parameters.add(envoyParameter(name));
        }
        boolean alwaysStreamed = endpoint == AdminEndpoint.CONFIG_DUMP;
        Operation o = OASFactory.createOperation().operationId("getFleet" + id)
                .summary("Envoy's /" + endpoint.id() + " on every targeted gateway")
                .description(generic.getDescription()).tags(generic.getTags()).parameters(parameters);
        APIResponse ok = OASFactory.createAPIResponse()
                .description("one item per gateway in completion order"
                        + (alwaysStreamed ? ", written as each dump arrives (the status is sent first)" : ""))
                .content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType().schema(JavaSchemas.ref(answer)))
                        .addMediaType(NDJSON, OASFactory.createMediaType().schema(string().description(
                                "Accept: application/x-ndjson: one " + item + " per line as each gateway answers, "
                                        + "then a last line {\"summary\": FleetSummary}")))
                        .addMediaType(SSE, OASFactory.createMediaType().schema(string().description(
                                "Accept: text/event-stream: an event 'item' (data: " + item + ") per gateway, then "
                                        + "one event 'summary' (data: {\"summary\": FleetSummary})"))
                                .addExtension("x-sse-events", Map.of("item", Map.of("$ref", JavaSchemas.PREFIX + item),
                                        "summary", Map.of("type", "object", "required", List.of("summary"),
                                                "properties", Map.of("summary", Map.of("$ref",
                                                        JavaSchemas.PREFIX + schemas.name(FleetSummary.class))))))));
        if (!alwaysStreamed) {
            ok.addHeader(io.higress.fleet.fanout.FleetResponses.PARTIAL_HEADER, KindPaths.partialHeader());
        }
        o.responses(OASFactory.createAPIResponses().addAPIResponse("200", ok));
        ProblemAnswers.add(o, 404); // an unknown cluster
        if (!alwaysStreamed) {
            ProblemAnswers.addUpstream(o); // partial=abort
        }
        return o;
    }

    private static Parameter envoyParameter(String name) {
        return switch (name) {
            case "resource" -> query(name, "a config_dump field to dump ([a-z_]+), e.g. dynamic_active_clusters",
                    string().pattern("^[a-z_]+$"));
            case "mask" -> query(name, "comma-separated field paths kept in each resource (a.b_c,d)", string());
            case "name_regex" -> query(name, "a regular expression on resource names (1 to 512 characters)", string());
            case "include_eds" -> query(name, "also dump the endpoints (EDS); a bare flag means true",
                    OASFactory.createSchema().addType(SchemaType.BOOLEAN));
            case "filter" -> query(name, "a regular expression on stat names (1 to 512 characters)", string());
            case "usedonly" -> query(name, "only stats that were updated; a bare flag means true",
                    OASFactory.createSchema().addType(SchemaType.BOOLEAN));
            case "type" -> query(name, "the kind of stats", string().enumeration(
                    List.of("Counters", "Gauges", "Histograms", "TextReadouts", "All")));
            default -> throw new IllegalStateException("undocumented Envoy parameter " + name);
        };
    }

    private static Operation gatewayAdmin(Operation generic, String verb, String path) {
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter p : generic.getParameters()) {
            if (!p.getName().equals("path")) {
                parameters.add(p);
            }
        }
        boolean reads = verb.startsWith("get");
        if (reads && Set.of("config_dump", "stats").contains(path)) {
            AdminEndpoint.of(path).envoyParams().stream().sorted().map(FleetPaths::envoyParameter)
                    .forEach(parameters::add);
        }
        Operation o = OASFactory.createOperation().operationId(verb + ProblemAnswers.camel(path))
                .summary((reads ? "Envoy's /" : "POST Envoy's /") + path + " of one gateway, raw")
                .description(generic.getDescription()).tags(generic.getTags()).parameters(parameters)
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("Envoy's answer: its "
                                + "content type and body (JSON redacted for non-admins)").content(envoyContent(path)))
                        .addAPIResponse("default", OASFactory.createAPIResponse().description("any other status "
                                + "Envoy answered (e.g. /ready's 503 while not LIVE), its body as it is")
                                .content(envoyContent(path))));
        ProblemAnswers.add(o, 404);
        ProblemAnswers.addUpstream(o);
        return o;
    }

    private static org.eclipse.microprofile.openapi.models.media.Content envoyContent(String path) {
        boolean json = Set.of("config_dump", "server_info", "certs", "memory", "runtime").contains(path);
        var content = OASFactory.createContent();
        if (json) {
            content.addMediaType("application/json", OASFactory.createMediaType().schema(
                    OASFactory.createSchema().description("Envoy's JSON")));
        }
        return content.addMediaType("text/plain", OASFactory.createMediaType().schema(string()));
    }

    static Parameter query(String name, String description, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(description).schema(schema);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }
}
