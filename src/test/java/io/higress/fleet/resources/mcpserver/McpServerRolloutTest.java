package io.higress.fleet.resources.mcpserver;

import static io.higress.fleet.resources.ai.AiFleet.INGRESSES;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A canary rollout of MCP servers across dev, test and prod (all Kubernetes): a failed gate in test puts back only
 * the servers' own objects and entries in dev and test (another database server, written meanwhile, keeps its
 * higress-config entry), and no rollout view shows a DSN or a password.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class McpServerRolloutTest {

    @AfterEach
    void healthy() {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setState(ServerState.LIVE).setErrorRatio(0));
    }

    private static Map<String, Object> database(String name, String password) {
        return Map.of("name", name, "type", "database", "services", List.of(Map.of("name", McpFleet.SERVICE,
                "port", 8080)), "dbType", "postgres", "dbConfig", Map.of("host", "pg.example.com", "port", "5432",
                "username", "app", "password", password, "dbname", name));
    }

    @Test
    void aFailedGateRestoresOnlyTheRolledOutServers() {
        McpFleet.seedKubernetes(List.of("dev", "test", "prod"), McpFleet.HIGRESS);
        asOperator().queryParam("clusters", "dev,test").contentType("application/json")
                .body(database("orders", "pw-old")).post("/api/v1/mcp-servers").then().statusCode(201);
        JsonNode before = McpFleet.higress("dev").at("/mcpServer/servers");
        assertThat(before.get(0).at("/config/dsn").asText())
                .isEqualTo("postgres://app:pw-old@pg.example.com:5432/orders");
        SimulatedFleetResource.fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);

        String id = asOperator().contentType("application/json").body(Map.of("strategy", "canary",
                "canaryOrder", List.of("dev", "test", "prod"), "waitTime", "300ms", "onFailure", "rollback",
                "mcpServers", List.of(database("orders", "pw-new"), Map.of("name", "docs", "type", "direct_route",
                        "services", List.of(Map.of("name", "docs.dns", "port", 443)), "directRouteConfig",
                        Map.of("path", "/mcp", "transportType", "streamable")))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        assertThat(await(id, j -> "baking".equals(j.getString("waves[0].clusters[0].state"))
                || "rolled-back".equals(j.getString("state"))).getString("waves[0].clusters[0].name"))
                .isEqualTo("dev");
        // while it bakes, another database server is added in dev: the rollback must keep its entry
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(database("audit", "pw-audit")).post("/api/v1/mcp-servers").then().statusCode(201);
        JsonPath done = await(id, j -> "rolled-back".equals(j.getString("state")));

        assertThat(done.getString("reason")).contains("test-gw-1 is DRAINING");
        for (String c : List.of("dev", "test")) {
            JsonNode servers = McpFleet.higress(c).at("/mcpServer/servers");
            List<String> names = new ArrayList<>();
            servers.forEach(s -> names.add(s.path("name").asText()));
            assertThat(names).as(c).containsExactlyInAnyOrderElementsOf(c.equals("dev") ? List.of("orders", "audit")
                    : List.of("orders"));
            servers.forEach(s -> {
                if (s.path("name").asText().equals("orders")) {
                    assertThat(s).as(c).isEqualTo(before.get(0));
                }
            });
            assertThat(object(c, INGRESSES, "mcp-server-docs.internal")).as(c).isNull();
            assertThat(object(c, INGRESSES, "mcp-server-orders.internal")).as(c).isNotNull();
        }
        assertThat(object("prod", INGRESSES, "mcp-server-orders.internal")).isNull();
        for (var caller : List.of(asViewer(), asOperator())) {
            String view = caller.get("/api/v1/rollouts/" + id).then().statusCode(200).extract().asString();
            assertThat(view).contains("orders").doesNotContain("pw-new").doesNotContain("pw-old");
        }
        asAdmin().queryParam("clusters", "dev").get("/api/v1/mcp-servers/orders").then().statusCode(200)
                .body("dbConfig.password", org.hamcrest.Matchers.equalTo("pw-old"));
    }

    static JsonPath await(String id, java.util.function.Predicate<JsonPath> done) {
        return Poll.until(() -> asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath(),
                done);
    }
}
