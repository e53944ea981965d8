package io.higress.fleet.problem;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Whatever goes wrong at the HTTP edge, the answer is problem+json with a request id. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class ErrorModelTest {

    @Test
    void unknownPathIsA404Problem() {
        asViewer().when().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/not-found"))
                .body("status", equalTo(404))
                .body("requestId", notNullValue())
                .header("X-Request-Id", notNullValue());
        asViewer().when().get("/elsewhere").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrongMethodIsA405Problem() {
        asOperator().when().delete("/api/v1/clusters").then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/method-not-allowed"));
    }

    /** Bodies the REST layer reads itself (a PUT's patch, a rollout) refuse duplicate keys like the others. */
    @Test
    void duplicateKeysInRestLayerBodiesAre400NamingTheKey() {
        io.higress.fleet.sim.FleetApi.asOperator().contentType("application/json")
                .body("{\"priority\": 1, \"config\": {\"a\": 1, \"a\": 2}}").put("/api/v1/plugins/dup-keys").then()
                .statusCode(400).body("errors[0].field", equalTo("config.a"))
                .body("errors[0].message", equalTo("duplicate key 'a'"));
        io.higress.fleet.sim.FleetApi.asOperator().contentType("application/json")
                .body("{\"strategy\": \"all\", \"strategy\": \"canary\"}").post("/api/v1/rollouts").then()
                .statusCode(400).body("errors[0].field", equalTo("strategy"));
    }

    @Test
    void aCallersRequestIdIsKeptAndAnInsaneOneReplaced() {
        asViewer().header("X-Request-Id", "dash-42").when().get("/api/v1/clusters/nope").then().statusCode(404)
                .header("X-Request-Id", "dash-42").body("requestId", equalTo("dash-42"));
        asViewer().header("X-Request-Id", "<script>").when().get("/api/v1/clusters/nope").then().statusCode(404)
                .header("X-Request-Id", not(equalTo("<script>")));
        String longest = "a.b_c-".repeat(21) + "xy"; // 128 characters of [A-Za-z0-9._-]
        asViewer().header("X-Request-Id", longest).when().get("/api/v1/clusters/nope").then().statusCode(404)
                .header("X-Request-Id", longest);
        asViewer().header("X-Request-Id", longest + "z").when().get("/api/v1/clusters/nope").then().statusCode(404)
                .header("X-Request-Id", not(equalTo(longest + "z")));
        asViewer().header("X-Request-Id", "a b").when().get("/api/v1/clusters/nope").then().statusCode(404)
                .header("X-Request-Id", not(equalTo("a b")));
    }

    @Test
    void openApiDocumentsEndpointsAndProblems() {
        asViewer().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/fleet/config_dump")) // one path per Envoy endpoint (docs/openapi.md)
                .body("paths", org.hamcrest.Matchers.not(hasKey("/api/v1/fleet/{endpoint}")))
                .body("paths", hasKey("/api/v1/clusters/{cluster}/gateways"))
                .body("paths", hasKey("/api/v1/upstreams"))
                .body("paths", hasKey("/api/v1/routes/{name}"))
                .body("paths", hasKey("/api/v1/http2rpcs"))
                .body("paths", hasKey("/api/v1/plugins/{name}/enable"))
                .body("paths", org.hamcrest.Matchers.not(hasKey("/api/v1/{kind}")))
                .body("paths.'/api/v1/mcp-bridges'.post.tags", org.hamcrest.Matchers.contains("mcp-bridges"))
                .body("components.schemas", hasKey("Problem"))
                .body("paths.'/api/v1/fleet/ready'.get.responses.'504'.$ref",
                        equalTo("#/components/responses/UpstreamTimeout"))
                .body("components.responses.UpstreamTimeout.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void noStackTraceInAnswers() {
        asViewer().when().get("/api/v1/clusters/x_y").then().statusCode(400)
                .body(not(containsString("at io.higress"))).body(not(containsString("Exception")));
    }
}
