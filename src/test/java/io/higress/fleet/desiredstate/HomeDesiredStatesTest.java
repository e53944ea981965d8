package io.higress.fleet.desiredstate;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.higress.fleet.rollout.RolloutService;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With a home cluster, every replica serves every set: each is a Secret there (manifests may hold secrets),
 * labelled, read at each call; a set another replica stored is served here, the Lease holder's drift statuses too,
 * and nothing is kept locally.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "home", value = "true"),
        @ResourceArg(name = "fleet.desired-states.drift-interval", value = "1h"),
        @ResourceArg(name = "fleet.home.lease.duration", value = "3s"),
        @ResourceArg(name = "fleet.home.lease.renew-deadline", value = "2s"),
        @ResourceArg(name = "fleet.home.lease.retry-period", value = "500ms")})
class HomeDesiredStatesTest {
    @Inject
    DriftCheck drift;
    @Inject
    RolloutService rollouts;

    static String metrics() {
        return asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static Secret held(String set) {
        return SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName(DesiredStateStore.objectName(set)).get();
    }

    @Test
    void setsLiveInTheHomeClusterAndEveryReplicaServesThem() {
        String manifests = DesiredStatesTest.ingress("home-ds", "home-ds.example.com");
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "namespaces",
                List.of("higress-system"), "manifests", manifests)).put("/api/v1/desired-states/home-set").then()
                .statusCode(201);
        Secret secret = held("home-set");
        assertThat(secret.getMetadata().getLabels()).containsEntry("higress-fleet.io/object-type", "desired-state");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("set.json")), StandardCharsets.UTF_8))
                .contains("home-ds.example.com");

        // a set another replica stored (its Secret written there): served here as well
        String json = new String(Base64.getDecoder().decode(secret.getData().get("set.json")), StandardCharsets.UTF_8)
                .replace("\"home-set\"", "\"other-replica\"");
        SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .resource(new SecretBuilder().withNewMetadata().withName(DesiredStateStore.objectName("other-replica"))
                        .withLabels(Map.of("higress-fleet.io/object-type", "desired-state")).endMetadata()
                        .withData(Map.of("set.json", Base64.getEncoder().encodeToString(json.getBytes(
                                StandardCharsets.UTF_8)))).build()).create();
        asViewer().get("/api/v1/desired-states").then().statusCode(200).body("name", hasItem("home-set"))
                .body("name", hasItem("other-replica"));
        asAdmin().get("/api/v1/desired-states/other-replica").then().statusCode(200)
                .body("name", equalTo("other-replica"));
        asOperator().post("/api/v1/desired-states/other-replica/sync").then().statusCode(201);

        // the Lease holder checks and stores each status beside its set, where every replica reads it
        Poll.until("this replica holds the Lease", Poll.PATIENCE, rollouts::leads);
        drift.checkNow();
        Secret status = SimulatedFleetResource.fleet().homeClient().secrets()
                .inNamespace(SimulatedFleet.HOME_NAMESPACE).withName(DesiredStateStore.statusName("home-set")).get();
        assertThat(status.getMetadata().getLabels()).containsEntry("higress-fleet.io/object-type",
                "desired-state-status");
        asViewer().get("/api/v1/desired-states/home-set/status").then().statusCode(200)
                .body("state", equalTo("drifted")); // the set was stored, never synced: its object is missing
        asViewer().get("/api/v1/desired-states/other-replica/status").then().statusCode(200)
                .body("state", equalTo("in-sync"));
        // a status another Lease holder stored is what this replica serves
        String told = new String(Base64.getDecoder().decode(status.getData().get("status.json")),
                StandardCharsets.UTF_8).replace("\"drifted\"", "\"failed\"");
        SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName(DesiredStateStore.statusName("home-set")).edit(x -> {
                    x.setData(Map.of("status.json", Base64.getEncoder().encodeToString(told.getBytes(
                            StandardCharsets.UTF_8))));
                    return x;
                });
        asViewer().get("/api/v1/desired-states/home-set/status").then().statusCode(200)
                .body("state", equalTo("failed"));

        // stored again: replaced over the version read
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "namespaces",
                List.of("higress-system"), "manifests", manifests.replace("home-ds.example.com", "v2.example.com")))
                .put("/api/v1/desired-states/home-set").then().statusCode(200);
        assertThat(new String(Base64.getDecoder().decode(held("home-set").getData().get("set.json")),
                StandardCharsets.UTF_8)).contains("v2.example.com");

        asOperator().delete("/api/v1/desired-states/home-set").then().statusCode(204);
        assertThat(held("home-set")).isNull();
        assertThat(SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName(DesiredStateStore.statusName("home-set")).get()).as("its status, gone with it").isNull();
        asViewer().get("/api/v1/desired-states").then().statusCode(200).body("name", not(hasItem("home-set")));

        // another replica takes the Lease: this one no longer checks, stores no status, and drops its gauges
        assertThat(metrics()).contains(DriftCheck.METRIC + "{cluster=\"dev\",set=\"other-replica\"}");
        var leases = SimulatedFleetResource.fleet().homeClient().leases().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName("higress-fleet-rollouts");
        leases.edit(l -> new LeaseBuilder(l).editSpec().withHolderIdentity("another-replica")
                .withLeaseDurationSeconds(3600).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build());
        Poll.until("the Lease is lost", Poll.PATIENCE, () -> !rollouts.leads());
        SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName(DesiredStateStore.statusName("other-replica")).delete();
        drift.checkNow();
        assertThat(SimulatedFleetResource.fleet().homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE)
                .withName(DesiredStateStore.statusName("other-replica")).get()).as("checked by a follower").isNull();
        assertThat(metrics()).doesNotContain("set=\"other-replica\"");
        asViewer().get("/api/v1/desired-states/other-replica/status").then().statusCode(200)
                .body("state", equalTo("unchecked"));

        Path local = Path.of(ConfigProvider.getConfig().getValue("fleet.data-dir", String.class), "desired-states");
        assertThat(Files.exists(local)).as("nothing kept locally").isFalse();
    }
}
