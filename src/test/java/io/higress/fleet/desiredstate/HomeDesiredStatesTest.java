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
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With a home cluster, every replica serves every set: each is a Secret there (manifests may hold secrets),
 * labelled, read at each call; a set another replica stored is served here, and nothing is kept locally.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "home", value = "true"),
        @ResourceArg(name = "fleet.desired-states.drift-interval", value = "1h")})
class HomeDesiredStatesTest {

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

        // stored again: replaced over the version read
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "namespaces",
                List.of("higress-system"), "manifests", manifests.replace("home-ds.example.com", "v2.example.com")))
                .put("/api/v1/desired-states/home-set").then().statusCode(200);
        assertThat(new String(Base64.getDecoder().decode(held("home-set").getData().get("set.json")),
                StandardCharsets.UTF_8)).contains("v2.example.com");

        asOperator().delete("/api/v1/desired-states/home-set").then().statusCode(204);
        assertThat(held("home-set")).isNull();
        asViewer().get("/api/v1/desired-states").then().statusCode(200).body("name", not(hasItem("home-set")));
        Path local = Path.of(ConfigProvider.getConfig().getValue("fleet.data-dir", String.class), "desired-states");
        assertThat(Files.exists(local)).as("nothing kept locally").isFalse();
    }
}
