package io.higress.fleet.security.redaction;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fleet.redaction.keys} reaches every path that shows an object or a dump: a list that replaces the defaults
 * (here {@code house_secret} and {@code service_node} are secret, {@code password} is not) must be what viewers and
 * operators see in plugin reads, write answers and their diffs, the export, the single-gateway passthrough and the
 * audit log.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"), @ResourceArg(name = "gateways", value = "1"),
        @ResourceArg(name = "fleet.redaction.keys", value = "api_tokens,house_secret,service_node"),
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://example/")})
class ConfiguredKeysTest {

    private static final String PLUGIN = "{\"name\": \"keyed\", \"type\": \"WasmPlugin\", "
            + "\"url\": \"oci://example/keyed:1\", \"phase\": \"AUTHN\", \"priority\": 10, \"config\": "
            + "{\"house_secret\": \"hs-1\", \"password\": \"not-a-secret-here\", \"api_tokens\": [\"sk-1\", \"sk-2\"]}}";

    @Test
    void pluginReadsWriteAnswersAndExportUseTheConfiguredKeys() {
        asAdmin().contentType("application/json").body(PLUGIN).post("/api/v1/plugins").then().statusCode(201);

        asViewer().get("/api/v1/plugins/keyed").then().statusCode(200)
                .body("config.house_secret", equalTo("[redacted]"))
                .body("config.password", equalTo("not-a-secret-here"))
                .body("config.api_tokens", contains("[redacted]"));
        asOperator().queryParam("dryRun", true).contentType("application/json")
                .body("{\"config\": {\"house_secret\": \"hs-2\"}}").put("/api/v1/plugins/keyed").then()
                .statusCode(200)
                .body("results[0].changes.find { it.path.endsWith('house_secret') }.from", equalTo("[redacted]"))
                .body("results[0].changes.find { it.path.endsWith('house_secret') }.to", equalTo("[redacted]"));
        String export = asViewer().get("/api/v1/export").then().statusCode(200).extract().asString();
        assertThat(export).contains("keyed", "not-a-secret-here").doesNotContain("hs-1", "sk-1");
        assertThat(asAdmin().get("/api/v1/export").then().statusCode(200).extract().asString()).contains("hs-1");
    }

    @Test
    void theSingleGatewayPassthroughRedactsEveryJsonAnswer() {
        String path = "/api/v1/clusters/dev/gateways/dev-gw-1/admin/server_info";
        JsonPath viewer = asViewer().get(path).then().statusCode(200).extract().jsonPath();
        assertThat(viewer.getString("command_line_options.service_node")).isEqualTo("[redacted]");
        assertThat(viewer.getString("command_line_options.service_cluster")).isNotBlank().isNotEqualTo("[redacted]");
        assertThat(asAdmin().get(path).then().statusCode(200).extract().jsonPath()
                .getString("command_line_options.service_node")).isNotEqualTo("[redacted]");
    }

    @Test
    void theAuditLogHoldsNoSecretWhoeverCalled() throws Exception {
        String id = "audit-keyed-" + java.util.UUID.randomUUID();
        asOperator().header("X-Request-Id", id).contentType("application/json").body("{}")
                .queryParam("selector", "house_secret=hs-3").post("/api/v1/routes");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, String> targets = null;
        while (targets == null && System.nanoTime() < deadline) {
            List<Map<String, Object>> items = asAdmin().get("/api/v1/audit?action=POST /api/v1/routes").then()
                    .statusCode(200).extract().jsonPath().getList("items");
            targets = items.stream().filter(e -> id.equals(e.get("requestId")))
                    .map(e -> (Map<String, String>) e.get("targets")).findFirst().orElse(null);
            if (targets == null) {
                Thread.sleep(50);
            }
        }
        assertThat(targets).as("the audit entry of " + id).isNotNull().containsEntry("selector",
                "house_secret=[redacted]");
    }
}
