package io.higress.fleet.resources.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Part;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a route cannot be placed the form never guesses: a cluster choosing HTTPRoutes without the Gateway they
 * attach to (past the fleet file's check, e.g. an older definition), or an API no one knows, is a 400 naming
 * {@code api}, with no object to write; results of a write that failed before its plan name the form the cluster
 * would have written.
 */
class KubernetesRouteFormTest {
    static final RouteSpec ROUTE = new RouteSpec("r", List.of("a.example.com"), List.of("/api/*"), "svc", 80, null);

    /** A cluster bound from {@code settings} ({@code fleet.clusters.c.*}), not validated. */
    static Cluster cluster(Map<String, String> settings) {
        FleetConfig config = new SmallRyeConfigBuilder()
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(settings, "test", 100))
                .withMapping(FleetConfig.class).build().getConfigMapping(FleetConfig.class);
        return new Cluster("c", Map.of(), config.clusters().get("c"));
    }

    static Problem refusal(KubernetesRouteForm form, RouteSpec spec) {
        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> form.parts(spec, "higress-system", Copy.absent("higress-system", spec.name(), List.of())));
        assertThat(e).as("refused").isNotNull();
        return e.problem();
    }

    static List<String> fields(Problem p) {
        return p.errors().stream().map(Problem.FieldError.class::cast).map(Problem.FieldError::field).toList();
    }

    @Test
    void aGatewayClusterWithoutGatewayParentIsA400NamingApiAndTheKey() {
        KubernetesRouteForm form = new KubernetesRouteForm(cluster(Map.of("fleet.clusters.c.routes-api", "gateway")));
        Problem p = refusal(form, ROUTE);
        assertThat(p.status()).isEqualTo(400);
        assertThat(fields(p)).containsExactly("api");
        assertThat(p.errors().toString()).contains("fleet.clusters.c.gateway-parent");
        // the result of that failure names the form the cluster would have written
        assertThat(form.resultKind("Ingress", ROUTE, null, null)).isEqualTo("HTTPRoute");
        assertThat(form.resultKind("Ingress", ROUTE.withApi("ingress"), null, null)).isEqualTo("Ingress");
        // asked for an Ingress there, it is one
        List<Part> parts = form.parts(ROUTE.withApi("ingress"), "higress-system",
                Copy.absent("higress-system", "r", List.of()));
        assertThat(parts).extracting(x -> x.address().type().label()).containsExactly("Ingress");
    }

    @Test
    void anUnknownApiIsA400NamingApiNotAnHttpRoute() {
        KubernetesRouteForm form = new KubernetesRouteForm(cluster(Map.of(
                "fleet.clusters.c.gateway-parent", "higress-system/higress-gateway")));
        Problem p = refusal(form, ROUTE.withApi("grpc"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(fields(p)).containsExactly("api");
        assertThat(form.parts(ROUTE, "higress-system", Copy.absent("higress-system", "r", List.of())))
                .extracting(x -> x.address().type().label()).containsExactly("Ingress");
        assertThat(form.parts(ROUTE.withApi("gateway"), "higress-system",
                Copy.absent("higress-system", "r", List.of())).get(0).body().at("/spec/parentRefs/0/name").asText())
                .isEqualTo("higress-gateway");
    }
}
