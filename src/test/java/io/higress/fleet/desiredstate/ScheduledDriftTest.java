package io.higress.fleet.desiredstate;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The scheduler itself, not a test calling the check: an object edited behind the facade's back shows as drift
 * at the next round, and a sync is seen as in-sync at the round after.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.desired-states.drift-interval", value = "1s")})
class ScheduledDriftTest {

    static JsonPath status() {
        return asViewer().get("/api/v1/desired-states/scheduled/status").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anEditBehindTheFacadesBackShowsAsDriftAtTheNextRound() {
        asOperator().contentType("application/json").body(DesiredStatesTest.set(DesiredStatesTest.ingress(
                "ds-scheduled", "scheduled.example.com"))).put("/api/v1/desired-states/scheduled").then()
                .statusCode(201);
        asOperator().post("/api/v1/desired-states/scheduled/sync").then().statusCode(201);
        Instant synced = Instant.now();
        Poll.until(ScheduledDriftTest::status, s -> "in-sync".equals(s.getString("state"))
                && Instant.parse(s.getString("checkedAt")).isAfter(synced));

        SimulatedFleetResource.fleet().client("prod").network().v1().ingresses().inNamespace(DesiredStatesTest.NS)
                .withName("ds-scheduled").edit(i -> new IngressBuilder(i).editSpec().editFirstRule()
                        .withHost("edited.example.com").endRule().endSpec().build());
        Instant edited = Instant.now();
        JsonPath drifted = Poll.until(ScheduledDriftTest::status, s -> "drifted".equals(s.getString("state")));
        assertThat(Instant.parse(drifted.getString("checkedAt"))).isAfter(edited);
        assertThat(drifted.getList("clusters.findAll { it.state == 'drifted' }.cluster")).containsExactly("prod");

        asOperator().post("/api/v1/desired-states/scheduled/sync").then().statusCode(200);
        Instant repaired = Instant.now();
        Poll.until(ScheduledDriftTest::status, s -> "in-sync".equals(s.getString("state"))
                && Instant.parse(s.getString("checkedAt")).isAfter(repaired));
    }
}
