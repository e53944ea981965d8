package io.higress.fleet.resources.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.Part;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.StoredObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** route ⇄ the console's route body, without HTTP. */
class ConsoleRouteFormTest {
    static final String ROUTE = """
            {"name":"example-route","domain":["example.com"],"paths":["/api/*"],
             "serviceName":"example-service","servicePort":8080}""";
    static final String NS = "higress-system";

    final ConsoleRouteForm form = new ConsoleRouteForm();

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    static RouteSpec withNamespace(RouteSpec r, String ns) {
        return new RouteSpec(r.name(), r.domain(), r.paths(), r.serviceName(), r.servicePort(), ns);
    }

    @Test
    void briefRouteBecomesAPrefixRouteToTheQualifiedKubernetesServiceWithTheFleetsMark() throws Exception {
        RouteSpec spec = RequestReader.read(ROUTE, RouteSpec.class);
        List<Part> parts = form.parts(spec, NS, Copy.absent(NS, spec.name(), List.of()));
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.address().name()).isEqualTo("example-route"));
        assertThat((JsonNode) parts.get(0).body()).isEqualTo(json("""
                {"name":"example-route","domains":["example.com"],
                 "path":{"matchType":"PRE","matchValue":"/api","caseSensitive":true},
                 "services":[{"name":"example-service.higress-system.svc.cluster.local","port":8080,"weight":100}],
                 "customLabels":{"app.kubernetes.io/managed-by":"higress-fleet"}}"""));
        assertThat(form.fromConsole(parts.get(0).body(), NS)).isEqualTo(withNamespace(spec, NS));
    }

    @Test
    void exactPathsRootPrefixRegistryServicesAndOtherNamespacesRoundTrip() {
        RouteSpec exact = new RouteSpec("r", List.of(), List.of("/exact"), "test2-svc.dns", 443, null);
        assertThat(form.toConsole(exact, NS).path("path").path("matchType").asText()).isEqualTo("EQUAL");
        assertThat(form.toConsole(exact, NS).path("services").path(0).path("name").asText()).isEqualTo("test2-svc.dns");
        assertThat(form.fromConsole(form.toConsole(exact, NS), NS)).isEqualTo(withNamespace(exact, NS));

        RouteSpec root = new RouteSpec("r", List.of("a.com"), List.of("/*"), "svc", 80, "team-a");
        assertThat(form.toConsole(root, NS).path("path").path("matchValue").asText()).isEqualTo("/");
        assertThat(form.toConsole(root, NS).path("services").path(0).path("name").asText())
                .isEqualTo("svc.team-a.svc.cluster.local");
        assertThat(form.fromConsole(form.toConsole(root, NS), NS)).isEqualTo(root);
    }

    @Test
    void moreThanOnePathIsRefusedRatherThanDropped() {
        RouteSpec two = new RouteSpec("r", List.of(), List.of("/a/*", "/b"), "svc", 80, null);
        assertThatThrownBy(() -> form.parts(two, NS, Copy.absent(NS, "r", List.of())))
                .isInstanceOf(ProblemException.class)
                .satisfies(t -> assertThat(((ProblemException) t).problem().status()).isEqualTo(400));
    }

    @Test
    void anUpdateReplacesOnlyTheFieldsWhoseValueChanged() throws Exception {
        ObjectNode current = (ObjectNode) json("""
                {"name":"r","version":"7","domains":["a.com"],"methods":["GET"],
                 "path":{"matchType":"PRE","matchValue":"/x","caseSensitive":false},
                 "services":[{"name":"a.higress-system.svc.cluster.local","port":80,"weight":70},
                             {"name":"b.higress-system.svc.cluster.local","port":80,"weight":30}]}""");
        StoredObject stored = new StoredObject(ConsoleRouteForm.ROUTES.address("r"), current, "7");
        RouteSpec was = form.fromConsole(current, NS);
        Copy<RouteSpec> copy = new Copy<>(NS, "r", was, List.of(stored), List.of(), false, "7");

        RouteSpec moved = new RouteSpec("r", List.of("b.com"), was.paths(), was.serviceName(), was.servicePort(),
                was.namespace());
        ObjectNode body = form.parts(moved, NS, copy).get(0).body();
        assertThat(body.path("domains").toString()).isEqualTo("[\"b.com\"]");
        assertThat(body.path("services")).isEqualTo(current.path("services"));
        assertThat(body.path("methods")).isEqualTo(current.path("methods"));
        assertThat(body.path("path")).isEqualTo(current.path("path"));
        assertThat(body.path("customLabels").path(Ownership.LABEL).asText()).isEqualTo(Ownership.VALUE);

        RouteSpec otherService = new RouteSpec("r", was.domain(), List.of("/y/*"), "c", 81, null);
        ObjectNode changed = form.parts(otherService, NS, copy).get(0).body();
        assertThat(changed.path("services").toString())
                .isEqualTo("[{\"name\":\"c.higress-system.svc.cluster.local\",\"port\":81,\"weight\":100}]");
        assertThat(changed.path("path").path("matchValue").asText()).isEqualTo("/y");
        assertThat(changed.path("path").path("caseSensitive").asBoolean(true)).as("kept").isFalse();
    }
}
