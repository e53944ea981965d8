package io.higress.fleet.resources.gateway;

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

/** Gateways at {@code /api/v1/gateways}: CRUD across the fleet, drift, export, and the 400s of a bad spec. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class GatewayTest {
    static final List<String> ALL = List.of("dev", "prod", "test");
    static final String BODY = """
            {"name": "higress-gateway", "spec": {"gatewayClassName": "higress",
             "listeners": [{"name": "http", "port": 80, "protocol": "HTTP", "hostname": "*.example.com"}]}}""";

    static ObjectNode object(String cluster, String name) {
        return AiFleet.object(cluster, GatewayKind.GATEWAY.context(), name);
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(BODY).post("/api/v1/gateways").then().statusCode(201)
                .body("results.kind", everyItem(equalTo("Gateway")))
                .body("results.status", everyItem(equalTo("created")));
        for (String c : ALL) {
            ObjectNode o = object(c, "higress-gateway");
            assertThat(o.path("apiVersion").asText()).as(c).isEqualTo("gateway.networking.k8s.io/v1");
            assertThat(o.at("/spec/gatewayClassName").asText()).isEqualTo("higress");
            assertThat(o.at("/spec/listeners/0/port").asInt()).isEqualTo(80);
        }
        asViewer().get("/api/v1/gateways").then().statusCode(200)
                .body("items.find { it.name == 'higress-gateway' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'higress-gateway' }.drift", equalTo(false))
                .body("items.find { it.name == 'higress-gateway' }.spec.listeners[0].protocol", equalTo("HTTP"));

        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"spec\": {\"listeners\": [{\"name\": \"http\", \"port\": 8080, \"protocol\": \"HTTP\"}]}}")
                .put("/api/v1/gateways/higress-gateway").then().statusCode(200)
                .body("results[0].status", equalTo("updated"));
        assertThat(object("test", "higress-gateway").at("/spec/listeners/0/port").asInt()).isEqualTo(8080);
        assertThat(object("test", "higress-gateway").at("/spec/gatewayClassName").asText()).isEqualTo("higress");
        asViewer().get("/api/v1/gateways/higress-gateway").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.test.spec.listeners[0].port", equalTo(8080));
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(containsString("kind: Gateway")).body(containsString("gatewayClassName: higress"));

        asOperator().delete("/api/v1/gateways/higress-gateway").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(object(c, "higress-gateway")).as(c).isNull());
    }

    @Test
    void aBadSpecIsA400NamingTheFieldsAndNothingIsWritten() {
        asOperator().contentType("application/json").body("{\"name\": \"bad\", \"spec\": {}}")
                .post("/api/v1/gateways").then().statusCode(400)
                .body("errors.field", hasItems("spec.gatewayClassName", "spec.listeners"));
        asOperator().contentType("application/json").body("""
                {"name": "bad", "spec": {"gatewayClassName": "higress", "listeners": [
                 {"name": "a", "port": 0, "protocol": "HTTP", "hostname": "bad_host"},
                 {"name": "a", "protocol": "HTTPS"}, {"port": 443}]}}""")
                .post("/api/v1/gateways").then().statusCode(400)
                .body("errors.field", hasItems("spec.listeners[0].port", "spec.listeners[0].hostname",
                        "spec.listeners[1].name", "spec.listeners[1].port", "spec.listeners[2].name",
                        "spec.listeners[2].protocol"));
        ALL.forEach(c -> assertThat(object(c, "bad")).as(c).isNull());
    }
}
