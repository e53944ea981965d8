package io.higress.fleet.resources.grpcroute;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GRPCRoutes at {@code /api/v1/grpcroutes}: CRUD across the fleet, drift, export, and the 400s of a bad spec. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class GrpcRouteTest {
    static final List<String> ALL = List.of("dev", "prod", "test");
    static final String BODY = """
            {"name": "echo", "spec": {"parentRefs": [{"name": "higress-gateway", "sectionName": "grpc"}],
             "hostnames": ["grpc.example.com"], "rules": [{"matches": [{"method": {"service": "echo.Echo",
             "method": "Say"}}], "backendRefs": [{"name": "echo", "port": 50051}]}]}}""";

    static ObjectNode object(String cluster, String name) {
        return AiFleet.object(cluster, GrpcRouteKind.GRPCROUTE.context(), name);
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(BODY).post("/api/v1/grpcroutes").then().statusCode(201)
                .body("results.kind", everyItem(equalTo("GRPCRoute")))
                .body("results.status", everyItem(equalTo("created")));
        for (String c : ALL) {
            ObjectNode o = object(c, "echo");
            assertThat(o.path("kind").asText()).as(c).isEqualTo("GRPCRoute");
            assertThat(o.at("/spec/rules/0/matches/0/method/service").asText()).isEqualTo("echo.Echo");
            assertThat(o.at("/spec/parentRefs/0/sectionName").asText()).isEqualTo("grpc");
        }
        asViewer().get("/api/v1/grpcroutes").then().statusCode(200)
                .body("items.find { it.name == 'echo' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'echo' }.drift", equalTo(false));

        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"spec\": {\"rules\": [{\"backendRefs\": [{\"name\": \"echo-v2\", \"port\": 50052}]}]}}")
                .put("/api/v1/grpcroutes/echo").then().statusCode(200).body("results[0].status", equalTo("updated"));
        assertThat(object("dev", "echo").at("/spec/rules/0/backendRefs/0/name").asText()).isEqualTo("echo-v2");
        assertThat(object("prod", "echo").at("/spec/rules/0/backendRefs/0/name").asText()).isEqualTo("echo");
        asViewer().get("/api/v1/grpcroutes/echo").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.dev.spec.rules[0].backendRefs[0].port", equalTo(50052));
        asViewer().queryParam("clusters", "prod").get("/api/v1/export").then().statusCode(200)
                .body(containsString("kind: GRPCRoute"));

        asOperator().delete("/api/v1/grpcroutes/echo").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(object(c, "echo")).as(c).isNull());
    }

    @Test
    void aBadSpecIsA400NamingTheFieldsAndNothingIsWritten() {
        asOperator().contentType("application/json").body("""
                {"name": "bad", "spec": {"parentRefs": [{"sectionName": "grpc"}], "hostnames": ["10.0.0.1"],
                 "rules": [{"backendRefs": [{"name": "echo"}]}]}}""")
                .post("/api/v1/grpcroutes").then().statusCode(400)
                .body("errors.field", hasItems("spec.parentRefs[0].name", "spec.hostnames[0]",
                        "spec.rules[0].backendRefs[0].port"));
        asOperator().contentType("application/json").body("{\"name\": \"bad\", \"spec\": {\"parentRefs\": \"gw\"}}")
                .post("/api/v1/grpcroutes").then().statusCode(400).body("errors.field", hasItems("spec.parentRefs"));
        ALL.forEach(c -> assertThat(object(c, "bad")).as(c).isNull());
    }
}
