package io.higress.fleet.security.audit;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A write's audit entry names what was written where and how it ended in each cluster: kind, namespace, name, the
 * clusters the targeting resolved to, each cluster's outcome and resourceVersion; a rollout's entries (its start and
 * each cluster's apply) carry its id.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"), @ResourceArg(name = "gateways", value = "1"),
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class WriteAuditTest {

    static Map<String, Object> route(String name) {
        return Map.of("name", name, "paths", List.of("/" + name), "serviceName", "svc", "servicePort", 80);
    }

    /** The newest entry whose action starts with {@code action} and that {@code matches}, once it is written. */
    static Map<String, Object> awaitEntry(String action, Predicate<Map<String, Object>> matches) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<Map<String, Object>> items = asAdmin().queryParam("action", action).queryParam("limit", 1000)
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
            var found = items.stream().filter(matches).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("no audit entry " + action + " matching in " + items);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> writes(Map<String, Object> entry) {
        return (List<Map<String, Object>>) entry.getOrDefault("writes", List.of());
    }

    static boolean writes(Map<String, Object> entry, String name) {
        return writes(entry).stream().anyMatch(w -> name.equals(w.get("name")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoutePostNamesTheObjectTheClustersAndEachOutcomeWithItsVersion() {
        JsonPath answer = asOperator().contentType("application/json").body(route("audited"))
                .post("/api/v1/routes").then().statusCode(201).extract().jsonPath();

        Map<String, Object> entry = awaitEntry("POST /api/v1/routes", e -> writes(e, "audited"));
        assertThat((Map<String, String>) entry.get("targets")).containsEntry("clusters", "dev,prod");
        List<Map<String, Object>> writes = writes(entry);
        assertThat(writes).extracting(w -> w.get("cluster")).containsExactlyInAnyOrder("dev", "prod");
        for (Map<String, Object> w : writes) {
            assertThat(w).containsEntry("kind", answer.getString("results[0].kind"))
                    .containsEntry("namespace", "higress-system").containsEntry("name", "audited")
                    .containsEntry("outcome", "created");
            String version = answer.getString("results.find { it.cluster == '" + w.get("cluster")
                    + "' }.resourceVersion");
            assertThat(version).isNotBlank();
            assertThat(w).containsEntry("resourceVersion", version);
        }

        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("audited"))
                .post("/api/v1/routes").then().statusCode(409);
        Map<String, Object> refused = awaitEntry("POST /api/v1/routes", e -> ((Number) e.get("status")).intValue()
                == 409 && writes(e, "audited"));
        assertThat(writes(refused)).singleElement().satisfies(w -> assertThat(w).containsEntry("cluster", "dev")
                .containsEntry("outcome", "error").doesNotContainKey("resourceVersion"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRolloutsEntriesCarryItsId() {
        String id = asOperator().contentType("application/json").body(Map.of("strategy", "all",
                        "routes", List.of(route("rolled"))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");

        Map<String, Object> start = awaitEntry("POST /api/v1/rollouts", e -> id.equals(
                ((Map<?, ?>) e.get("targets")).get("rollout")));
        assertThat(start).containsEntry("principal", "sim-operator");
        for (String cluster : List.of("dev", "prod")) {
            Map<String, Object> apply = awaitEntry("APPLY /api/v1/rollouts/" + id, e -> cluster.equals(
                    ((Map<?, ?>) e.get("targets")).get("clusters")));
            assertThat((Map<String, String>) apply.get("targets")).containsEntry("rollout", id);
            assertThat(apply).containsEntry("principal", AuditRecorder.FACADE).containsEntry("outcome", "ok");
            assertThat(writes(apply)).singleElement().satisfies(w -> assertThat(w).containsEntry("name", "rolled")
                    .containsEntry("cluster", cluster).containsEntry("outcome", "created")
                    .containsKey("resourceVersion"));
        }
    }
}
