package io.higress.fleet.revisions;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** With a home cluster, revisions are ConfigMaps there (labelled, without secrets), shared by every replica. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "home", value = "true")})
class HomeRevisionsTest {

    static Ingress ingress(String name) {
        return SimulatedFleetResource.fleet().client("dev").network().v1().ingresses().inNamespace("higress-system")
                .withName(name).get();
    }

    @Test
    void revisionsAreKeptInTheHomeClusterAndRestoreFromThere() throws Exception {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"name\": \"home-rev\", \"domain\": [\"home-rev.example.com\"], \"paths\": [\"/*\"], "
                        + "\"serviceName\": \"v1\", \"servicePort\": 8080}")
                .post("/api/v1/routes").then().statusCode(201);
        Object before = ingress("home-rev").getSpec();
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"serviceName\": \"v2\"}")
                .put("/api/v1/routes/home-rev").then().statusCode(200);

        List<ConfigMap> maps = SimulatedFleetResource.fleet().homeClient().configMaps()
                .inNamespace(SimulatedFleet.HOME_NAMESPACE).withLabel("higress-fleet.io/object-type", "revision")
                .list().getItems();
        assertThat(maps).hasSizeGreaterThanOrEqualTo(2);
        assertThat(maps).allSatisfy(m -> assertThat(m.getData()).containsKey("revision.json"));

        List<Map<String, Object>> items = asViewer().queryParam("name", "home-rev").get("/api/v1/revisions").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).extracting(i -> i.get("action")).containsExactly("updated", "created");
        asOperator().post("/api/v1/revisions/" + items.get(0).get("id") + "/restore").then().statusCode(200);
        assertThat(ingress("home-rev").getSpec()).isEqualTo(before);

        Path local = Path.of(ConfigProvider.getConfig().getValue("fleet.data-dir", String.class), "revisions");
        assertThat(Files.exists(local)).as("nothing kept locally").isFalse();
    }
}
