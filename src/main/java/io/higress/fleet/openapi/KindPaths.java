package io.higress.fleet.openapi;

import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.resources.WriteOption;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindView;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.rollout.RolloutRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * {@code KindsResource} serves every kind at {@code /api/v1/{kind}}; the description lists each kind of the registry
 * at its own path instead, from its descriptor only: {@code names()} for paths, tags and operation ids
 * ({@code createRoute}, {@code listMcpBridges}, {@code enablePlugin}), {@code specClass()} for the bodies and reads
 * ({@code RouteSpec}, {@code RouteItem}, {@code RouteList}), {@code actions()} for {@code POST /{name}/<action>}. A
 * kind added to {@link Kinds#ALL} is described with no code here.
 */
final class KindPaths {
    static final String GENERIC = "/api/v1/{kind}";
    /** ListParams' view parameters: each listed only on the kinds that have that view. */
    private static final Set<String> VIEW_PARAMETERS = Set.of(KindView.EXPIRING_WITHIN);
    /** BodyWriteParams' write options: each listed only on the writes of the kinds that take it. */
    private static final Set<String> OPTION_PARAMETERS = java.util.Arrays.stream(WriteOption.values())
            .map(WriteOption::parameter).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final String JSON = "application/json";

    private KindPaths() {
    }

    static void expand(OpenAPI api, JavaSchemas schemas) {
        Map<String, PathItem> generic = new LinkedHashMap<>();
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(GENERIC)) {
                generic.put(path.substring(GENERIC.length()), item);
            }
        });
        generic.keySet().forEach(tail -> api.getPaths().removePathItem(GENERIC + tail));
        String write = schemas.name(WriteAnswer.class);
        for (Kind<?> kind : Kinds.ALL) {
            Names n = new Names(kind, schemas);
            String description = kind.names().title() + " (docs/resources.md)";
            // a kind's own resource (mcp-servers' consumers) may have named the tag already: one tag, described
            Objects.requireNonNullElse(api.getTags(), List.<Tag>of()).stream()
                    .filter(t -> t.getName().equals(kind.names().plural())).findFirst()
                    .ifPresentOrElse(t -> t.setDescription(description), () -> api.addTag(OASFactory.createTag()
                            .name(kind.names().plural()).description(description)));
            PathItem collection = OASFactory.createPathItem();
            collection.setGET(operation(generic.get("").getGET(), n, "list" + n.plural(), "Every " + n.singular
                    + " in the targeted clusters, each once, with the clusters holding it and drift")
                    .responses(OASFactory.createAPIResponses().addAPIResponse("200", read(n.list,
                            "the " + kind.names().plural() + "; errors[] has each cluster that could not be read"))));
            collection.setPOST(withBody(operation(generic.get("").getPOST(), n, "create" + n.id, "Create a "
                    + n.singular + " in every targeted cluster"), n, "create")
                    .responses(writes(write, true)));
            ProblemAnswers.add(collection.getPOST(), 404, 409, 422);
            ProblemAnswers.addUpstream(collection.getPOST());
            ProblemAnswers.add(collection.getGET(), 404);
            api.getPaths().addPathItem(kind.names().path(), collection);

            PathItem one = OASFactory.createPathItem();
            one.setGET(operation(generic.get("/{name}").getGET(), n, "get" + n.id, "One " + n.singular
                    + " across the targeted clusters")
                    .responses(OASFactory.createAPIResponses().addAPIResponse("200", read(n.item, "the "
                            + n.singular + " as its first cluster holds it; errors[] when some cluster could not be "
                            + "read"))));
            ProblemAnswers.add(one.getGET(), 404);
            one.setPUT(withBody(operation(generic.get("/{name}").getPUT(), n, "update" + n.id, "Merge the given "
                    + "fields into the " + n.singular + " in every targeted cluster (a JSON merge patch: arrays "
                    + "replace, null removes; name and namespace cannot change)"), n, "update")
                    .responses(writes(write, false)));
            one.setDELETE(operation(generic.get("/{name}").getDELETE(), n, "delete" + n.id, "Delete the "
                    + n.singular + " from every targeted cluster").responses(writes(write, false)));
            for (Operation o : List.of(one.getPUT(), one.getDELETE())) {
                ProblemAnswers.add(o, 404, 409, 422);
                ProblemAnswers.addUpstream(o);
            }
            api.getPaths().addPathItem(kind.names().path() + "/{name}", one);

            kind.actions().keySet().stream().sorted().forEach(action -> {
                PathItem item = OASFactory.createPathItem();
                item.setPOST(operation(generic.get("/{name}/{action}").getPOST(), n, action + n.id,
                        kind.names().title() + ": " + action + " (the merge patch " + kind.actions().get(action)
                                + ")").responses(writes(write, false)));
                ProblemAnswers.add(item.getPOST(), 404, 409, 422);
                ProblemAnswers.addUpstream(item.getPOST());
                api.getPaths().addPathItem(kind.names().path() + "/{name}/" + action, item);
            });
        }
    }

    /** {@code RolloutRequest} with one list per kind, named by its {@code rolloutField} ({@code routes}, ...). */
    static void describeRolloutBody(JavaSchemas schemas) {
        Schema body = schemas.components().getSchemas().get(schemas.name(RolloutRequest.class));
        // a desired-state sync through a rollout: the set gives the objects and clusters, the query the strategy
        Schema options = OASFactory.createSchema().addType(SchemaType.OBJECT).description("The options of "
                + "POST /api/v1/rollouts but strategy, the targeting, force and the objects, which the set gives");
        body.getProperties().forEach((name, property) -> {
            if (!RolloutRequest.NOT_OPTIONS.contains(name)) {
                options.addProperty(name, property);
            }
        });
        schemas.components().addSchema("RolloutOptions", options);
        for (Kind<?> kind : Kinds.ALL) {
            body.addProperty(kind.names().rolloutField(), OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .description(kind.names().title() + " to apply, each as in POST " + kind.names().path())
                    .items(JavaSchemas.ref(schemas.name(kind.specClass()))));
        }
    }

    /** The ids and schemas of one kind. */
    private static final class Names {
        final Kind<?> kind;
        final String id;
        final String singular;
        final String spec;
        final String item;
        final String list;

        Names(Kind<?> kind, JavaSchemas schemas) {
            this.kind = kind;
            this.id = kind.specClass().getSimpleName().replaceFirst("Spec$", "");
            this.singular = kind.names().singular();
            this.spec = schemas.name(kind.specClass());
            this.item = id + "Item";
            this.list = id + "List";
            schemas.components().addSchema(item, item(kind, spec, schemas));
            schemas.components().addSchema(list, OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .addProperty("items", OASFactory.createSchema().addType(SchemaType.ARRAY)
                            .items(JavaSchemas.ref(item)))
                    .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                            .description("one problem per cluster that could not be read (X-Fleet-Partial: true)")
                            .items(JavaSchemas.ref("Problem")))
                    .required(List.of("items", "errors")));
        }

        /** {@code mcp-bridges} → {@code McpBridges}, spelt like the id ({@code http2rpcs} → {@code Http2Rpcs}). */
        String plural() {
            String plural = ProblemAnswers.camel(kind.names().plural());
            return plural.toLowerCase().startsWith(id.toLowerCase()) ? id + plural.substring(id.length()) : plural;
        }
    }

    /** What a read shows: the spec's fields and what the aggregation adds (docs/resources.md#aggregated-reads). */
    private static Schema item(Kind<?> kind, String spec, JavaSchemas schemas) {
        Schema item = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description(kind.names().title() + " as read across the clusters: the " + kind.names().singular()
                        + "'s fields (" + spec + ") and where it is");
        schemas.components().getSchemas().get(spec).getProperties().forEach(item::addProperty);
        return item
                .addProperty("clusters", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("the clusters holding it, in name order")
                        .items(OASFactory.createSchema().addType(SchemaType.STRING)))
                .addProperty("managed", OASFactory.createSchema().addType(SchemaType.BOOLEAN)
                        .description("every copy carries app.kubernetes.io/managed-by=higress-fleet"))
                .addProperty("drift", OASFactory.createSchema().addType(SchemaType.BOOLEAN)
                        .description("the copies differ in something a user controls"))
                .addProperty("copies", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description("with drift: each cluster's copy")
                        .additionalPropertiesSchema(JavaSchemas.ref(spec)))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("GET of one: the clusters that could not be read")
                        .items(JavaSchemas.ref("Problem")))
                .required(List.of("clusters", "managed", "drift"));
    }

    private static Operation operation(Operation generic, Names n, String id, String summary) {
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter p : generic.getParameters() == null ? List.<Parameter>of() : generic.getParameters()) {
            if (p.getName().equals("kind") || p.getName().equals("action")
                    || VIEW_PARAMETERS.contains(p.getName()) && !n.kind.listViews().contains(p.getName())
                    || OPTION_PARAMETERS.contains(p.getName()) && !WriteOption.named(n.kind.writeOptions(), p.getName())) {
                continue;
            }
            if (p.getName().equals("name") && p.getIn() == Parameter.In.PATH) {
                p = OASFactory.createParameter().name("name").in(Parameter.In.PATH).required(true)
                        .description("the " + n.singular + "'s name (a DNS-1123 subdomain)")
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING));
            }
            parameters.add(p);
        }
        return OASFactory.createOperation().operationId(id).summary(summary).description(generic.getDescription())
                .tags(List.of(n.kind.names().plural())).parameters(parameters);
    }

    private static Operation withBody(Operation o, Names n, String use) {
        org.eclipse.microprofile.openapi.models.media.MediaType json = OASFactory.createMediaType()
                .schema(JavaSchemas.ref(n.spec));
        BriefExamples.of(n.kind.names().plural(), use).ifPresent(json::example);
        return o.requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                .addMediaType(JSON, json)));
    }

    private static APIResponse read(String schema, String description) {
        return OASFactory.createAPIResponse().description(description)
                .addHeader(FleetResponses.PARTIAL_HEADER, partialHeader())
                .content(json(JavaSchemas.ref(schema)));
    }

    static org.eclipse.microprofile.openapi.models.headers.Header partialHeader() {
        return OASFactory.createHeader().description("true when some targeted cluster or gateway failed")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).enumeration(List.of("true")));
    }

    /** The write answers of docs/resources.md#answers. */
    static org.eclipse.microprofile.openapi.models.responses.APIResponses writes(String answer, boolean creates) {
        var responses = OASFactory.createAPIResponses();
        if (creates) {
            responses.addAPIResponse("201", OASFactory.createAPIResponse()
                    .description("created in every targeted cluster").content(json(JavaSchemas.ref(answer))));
        }
        return responses
                .addAPIResponse("200", OASFactory.createAPIResponse().description("every targeted cluster succeeded"
                        + (creates ? " without all creating (a dryRun plan)" : " (or the dryRun plan)"))
                        .content(json(JavaSchemas.ref(answer))))
                .addAPIResponse("207", OASFactory.createAPIResponse().description("some clusters failed, or all "
                        + "failed differently: each result says; when all fail alike the answer is that status as a "
                        + "problem with each cluster's problem in errors[]").content(json(JavaSchemas.ref(answer))));
    }

    static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(schema));
    }
}
