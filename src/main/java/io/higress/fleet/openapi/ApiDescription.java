package io.higress.fleet.openapi;

import io.higress.fleet.admin.consistency.FleetConsistency;
import io.higress.fleet.admin.health.FleetHealth;
import io.higress.fleet.admin.routes.RouteTableAnswer;
import io.higress.fleet.discovery.ClusterView;
import io.higress.fleet.discovery.ClustersResource.ClusterList;
import io.higress.fleet.discovery.ClustersResource.GatewayList;
import io.higress.fleet.fanout.FleetAnswer;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.rollout.RolloutEvent;
import io.higress.fleet.rollout.RolloutView;
import io.higress.fleet.rollout.RolloutsResource.RolloutList;
import io.higress.fleet.security.LoginResource.LoginAnswer;
import io.higress.fleet.security.LoginResource.LoginRequest;
import io.higress.fleet.security.LoginResource.Me;
import io.higress.fleet.security.audit.AuditResource.AuditPage;
import io.higress.fleet.upstream.UpstreamsResource.UpstreamList;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.runtime.io.Format;
import io.smallrye.openapi.runtime.io.OpenApiSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The API description at {@code /q/openapi} (docs/openapi.md), finished at build time in this order: the scanner's
 * operations of the JAX-RS resources (their annotations) are expanded where one method serves many paths (every
 * kind of the registry, every Envoy admin endpoint), the error model and who may call what are added to every
 * operation, and schemas nothing refers to are dropped. The document is static: what the build stores in
 * {@code target/openapi} is what the application serves.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDescription implements OASFilter {

    /**
     * The records the JAX-RS methods answer (their return types and {@code @Schema(implementation)}s), written by
     * {@link JavaSchemas} over the scanner's schemas of the same name; and the data of watchRollout's events.
     */
    static final List<Class<?>> ANSWERS = List.of(ClusterList.class, ClusterView.class, GatewayList.class,
            UpstreamList.class, AuditPage.class, LoginAnswer.class, LoginRequest.class, Me.class, FleetHealth.class,
            FleetConsistency.class, FleetAnswer.class, RolloutView.class, RolloutList.class, RolloutEvent.class,
            WriteAnswer.class, RouteTableAnswer.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.setServers(List.of(OASFactory.createServer().url("http://localhost:8080")
                .description("the facade as bin/simulated-fleet starts it; any host works")));
        JavaSchemas schemas = new JavaSchemas(api.getComponents());
        ProblemAnswers.addComponents(api);
        KindPaths.expand(api, schemas);
        KindPaths.describeRolloutBody(schemas);
        ANSWERS.forEach(schemas::name);
        FleetPaths.expand(api, schemas);
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(ProblemAnswers::addCommon));
        AccessDescription.addTo(api);
        FleetPaths.listEnvoysOwnStatuses(api);
        dropUnused(api);
    }

    private static final Pattern REF = Pattern.compile("#/components/schemas/([A-Za-z0-9._-]+)");
    private static final Pattern RESPONSE = Pattern.compile("#/components/responses/([A-Za-z0-9._-]+)");

    /** Components that no operation reaches (the scanner's leftovers of the generic methods). */
    static void dropUnused(OpenAPI api) {
        Set<String> answers = new HashSet<>(refs(OASFactory.createOpenAPI().paths(api.getPaths()), RESPONSE));
        new ArrayList<>(api.getComponents().getResponses().keySet()).stream().filter(n -> !answers.contains(n))
                .forEach(api.getComponents()::removeResponse);
        Map<String, Schema> all = api.getComponents().getSchemas();
        Set<String> reached = new HashSet<>();
        List<String> pending = refs(OASFactory.createOpenAPI().paths(api.getPaths()).components(
                OASFactory.createComponents().responses(api.getComponents().getResponses())));
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (reached.add(name) && all.containsKey(name)) {
                pending.addAll(refs(OASFactory.createOpenAPI().components(OASFactory.createComponents()
                        .addSchema(name, all.get(name)))));
            }
        }
        new ArrayList<>(all.keySet()).stream().filter(name -> !reached.contains(name))
                .forEach(api.getComponents()::removeSchema);
    }

    private static List<String> refs(OpenAPI fragment) {
        return refs(fragment, REF);
    }

    private static List<String> refs(OpenAPI fragment, Pattern pattern) {
        String json;
        try {
            json = OpenApiSerializer.serialize(fragment.openapi("3.1.0"), Format.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>();
        Matcher m = pattern.matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
