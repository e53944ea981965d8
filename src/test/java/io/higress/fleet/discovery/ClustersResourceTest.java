package io.higress.fleet.discovery;

import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The registry endpoints over a fleet with one Envoy-only cluster (direct admin, no Kubernetes). */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod,lab"),
        @ResourceArg(name = "without-kubernetes", value = "lab")})
class ClustersResourceTest {

    @Test
    void listsClustersWithLabelsCountsAndStatus() {
        int devApiPort = io.higress.fleet.sim.SimulatedFleetResource.fleet().kubernetesServer("dev")
                .getPort();
        asViewer().when().get("/api/v1/clusters").then().statusCode(200)
                .body("items.name", hasItems("dev", "lab", "prod"))
                .body("items.find { it.name == 'dev' }.labels.env", equalTo("dev"))
                .body("items.find { it.name == 'dev' }.gateways.discovered", equalTo(2))
                .body("items.find { it.name == 'dev' }.gateways.ready", equalTo(2))
                .body("items.find { it.name == 'dev' }.status", equalTo("ok"))
                // the API server the kubeconfig points at, not the kubeconfig
                .body("items.find { it.name == 'dev' }.kubernetes.server",
                        org.hamcrest.Matchers.matchesPattern("https?://[^/]+:" + devApiPort + "/?"))
                .body("items.find { it.name == 'lab' }.kubernetes", nullValue())
                .body("items.find { it.name == 'lab' }.gateways.discovered", equalTo(2));
    }

    @Test
    void aMisspeltTargetingParameterIs400NotTheWholeFleet() {
        asViewer().when().get("/api/v1/clusters?selectr=env=prod").then().statusCode(400)
                .body("errors[0].field", equalTo("selectr"))
                .body("errors[0].message", containsString("clusters, selector"));
    }

    @Test
    void unsupportedMediaTypesAreProblemsThatSayWhatToSend() {
        asViewer().header("Accept", "application/xml").when().get("/api/v1/clusters").then().statusCode(406)
                .contentType("application/problem+json").body("detail", containsString("Accept: application/xml"));
        io.higress.fleet.sim.FleetApi.asOperator().contentType("text/plain").body("name=x").when()
                .post("/api/v1/routes").then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("Content-Type: application/json"));
    }

    @Test
    void neverShowsCredentials() {
        String body = asViewer().when().get("/api/v1/clusters").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContainIgnoringCase("token")
                .doesNotContain("password").doesNotContain("certificate-authority");
    }

    @Test
    void selectorFiltersClusters() {
        asViewer().when().get("/api/v1/clusters?selector=env=prod").then().statusCode(200)
                .body("items.name", equalTo(java.util.List.of("prod")));
    }

    @Test
    void oneClusterAndItsGateways() {
        asViewer().when().get("/api/v1/clusters/prod").then().statusCode(200)
                .body("name", equalTo("prod")).body("gateways.discovered", equalTo(2));
        asViewer().when().get("/api/v1/clusters/prod/gateways").then().statusCode(200)
                .body("cluster", equalTo("prod"))
                .body("items.name", equalTo(java.util.List.of("prod-gw-1", "prod-gw-2")))
                .body("items.ready", everyItem(equalTo(true)))
                .body("items.phase", everyItem(equalTo("Running")))
                .body("items.adminAccess", everyItem(equalTo("direct")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("adminUrl")));
    }

    @Test
    void unknownOrInvalidClusterNames() {
        asViewer().when().get("/api/v1/clusters/staging").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/not-found"))
                .body("instance", equalTo("/api/v1/clusters/staging"))
                .body("requestId", not(nullValue()));
        asViewer().when().get("/api/v1/clusters/Bad_Name/gateways").then().statusCode(400)
                .body("errors[0].field", equalTo("cluster"));
    }
}
