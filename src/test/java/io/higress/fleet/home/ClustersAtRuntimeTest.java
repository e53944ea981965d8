package io.higress.fleet.home;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.fabric8.kubernetes.api.model.Secret;
import io.higress.fleet.sim.InjectSimulatedFleet;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clusters registered at runtime against a fabric8 mock API server in CRUD mode as the home cluster: registered,
 * changed and removed through the API, seen in /api/v1/clusters and /fleet/ready, their Secrets written with
 * resourceVersion preconditions, and a change written to a Secret by another replica picked up by the watch.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev"),
        @ResourceArg(name = "unregistered", value = "edge"),
        @ResourceArg(name = "home", value = "true")})
class ClustersAtRuntimeTest {

    static final String EDGE_TOKEN = "simulated-token-edge";

    @InjectSimulatedFleet
    SimulatedFleet fleet;

    @AfterEach
    void deregisterEdge() {
        fleet.homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE).withName("cluster-edge").delete();
        Poll.until(() -> asViewer().get("/api/v1/clusters/edge").statusCode(), s -> s == 404);
    }

    private Secret edgeSecret() {
        return fleet.homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE).withName("cluster-edge").get();
    }

    private static String decoded(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void aClusterIsRegisteredChangedAndRemovedThroughTheApi() {
        Response created = asAdmin().contentType("application/json").body(fleet.registration("edge"))
                .post("/api/v1/clusters");
        created.then().statusCode(201).header("Location", "/api/v1/clusters/edge")
                .body("name", equalTo("edge")).body("source", equalTo("api"))
                .body("resourceVersion", notNullValue()).body("labels.env", equalTo("edge"));
        assertThat(created.asString()).doesNotContain(EDGE_TOKEN).doesNotContain("kubeconfig");

        // kept as a labelled Secret of the home namespace: the credentials inside, the definition without them
        Secret secret = edgeSecret();
        assertThat(secret.getMetadata().getLabels()).containsEntry("higress-fleet.io/secret-type", "cluster");
        assertThat(decoded(secret, "kubeconfig")).contains(EDGE_TOKEN);
        assertThat(decoded(secret, "definition")).doesNotContain(EDGE_TOKEN).contains("edge-gw-1");

        asViewer().get("/api/v1/clusters").then().statusCode(200)
                .body("items.name", hasItems("dev", "edge"))
                .body("items.find { it.name == 'dev' }.source", equalTo("config"))
                .body("items.find { it.name == 'edge' }.source", equalTo("api"));
        // its gateways are discovered and read like any other cluster's
        Poll.until(() -> asViewer().get("/api/v1/fleet/ready?clusters=edge").then().statusCode(200)
                .extract().jsonPath(), j -> j.getInt("summary.ok") == 2);

        // a stale resourceVersion is a conflict, and nothing changes
        String version = created.jsonPath().getString("resourceVersion");
        Map<String, Object> changed = fleet.registration("edge");
        changed.remove("name");
        changed.remove("credentials"); // kept: the client never reads them back
        changed.put("labels", Map.of("env", "edge", "tier", "2"));
        changed.put("resourceVersion", version + "0");
        asAdmin().contentType("application/json").body(changed).put("/api/v1/clusters/edge").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("resourceVersion"));
        assertThat(edgeSecret().getMetadata().getResourceVersion()).isEqualTo(version);

        changed.put("resourceVersion", version);
        JsonPath replaced = asAdmin().contentType("application/json").body(changed).put("/api/v1/clusters/edge")
                .then().statusCode(200).body("labels.tier", equalTo("2")).extract().jsonPath();
        assertThat(replaced.getString("resourceVersion")).isNotEqualTo(version);
        asViewer().get("/api/v1/clusters?selector=tier=2").then().statusCode(200)
                .body("items.name", equalTo(List.of("edge")));
        assertThat(decoded(edgeSecret(), "kubeconfig")).contains(EDGE_TOKEN);
        Poll.until(() -> asViewer().get("/api/v1/fleet/ready?clusters=edge").then().statusCode(200)
                .extract().jsonPath(), j -> j.getInt("summary.ok") == 2);

        // a delete that names a version removes the cluster only at that version
        String now = replaced.getString("resourceVersion");
        asAdmin().queryParam("resourceVersion", version).delete("/api/v1/clusters/edge").then().statusCode(409)
                .body("detail", containsString("changed since resourceVersion " + version));
        asAdmin().queryParam("resourceVersion", "").delete("/api/v1/clusters/edge").then().statusCode(400)
                .body("errors.field", hasItem("resourceVersion"));
        assertThat(edgeSecret()).isNotNull();
        asViewer().get("/api/v1/clusters/edge").then().statusCode(200);
        asAdmin().queryParam("resourceVersion", now).delete("/api/v1/clusters/edge").then().statusCode(204);
        assertThat(edgeSecret()).isNull();
        asViewer().get("/api/v1/clusters/edge").then().statusCode(404);
        asViewer().get("/api/v1/fleet/ready?clusters=edge").then().statusCode(404);
        asAdmin().delete("/api/v1/clusters/edge").then().statusCode(404);
    }

    @Test
    void aSecretWrittenByAnotherReplicaIsPickedUpByTheWatch() {
        asAdmin().contentType("application/json").body(fleet.registration("edge")).post("/api/v1/clusters")
                .then().statusCode(201);
        // another replica's write: the Secret changes under this one
        Secret s = edgeSecret();
        String definition = decoded(s, "definition").replace("\"env\":\"edge\"", "\"env\":\"elsewhere\"");
        s.getData().put("definition", Base64.getEncoder().encodeToString(definition.getBytes(StandardCharsets.UTF_8)));
        fleet.homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE).resource(s).update();
        Poll.until(() -> asViewer().get("/api/v1/clusters/edge").then().extract().jsonPath(),
                j -> "elsewhere".equals(j.getString("labels.env")));
        // and its removal
        fleet.homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE).withName("cluster-edge").delete();
        Poll.until(() -> asViewer().get("/api/v1/clusters/edge").statusCode(), code -> code == 404);
    }

    @Test
    void onlyAdminsRegisterChangeOrRemove() {
        for (var who : List.of(asViewer(), asOperator())) {
            who.contentType("application/json").body(fleet.registration("edge")).post("/api/v1/clusters").then()
                    .statusCode(403);
        }
        asOperator().contentType("application/json").body(Map.of("resourceVersion", "1"))
                .put("/api/v1/clusters/edge").then().statusCode(403);
        asOperator().delete("/api/v1/clusters/dev").then().statusCode(403);
        assertThat(edgeSecret()).isNull();
    }

    @Test
    void theFleetFilesClustersAreReadOnlyThroughTheApi() {
        Map<String, Object> body = fleet.registration("edge");
        body.put("name", "dev");
        asAdmin().contentType("application/json").body(body).post("/api/v1/clusters").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("fleet file"))
                .body("hint", containsString("fleet.clusters.dev"));
        body.remove("name");
        body.put("resourceVersion", "1");
        asAdmin().contentType("application/json").body(body).put("/api/v1/clusters/dev").then().statusCode(409)
                .body("detail", containsString("source: config"));
        asAdmin().delete("/api/v1/clusters/dev").then().statusCode(409).body("detail", containsString("fleet file"));
        assertThat(fleet.homeClient().secrets().inNamespace(SimulatedFleet.HOME_NAMESPACE).list().getItems()).isEmpty();
        asViewer().get("/api/v1/clusters/dev").then().statusCode(200).body("source", equalTo("config"));
    }

    @Test
    void badInputIsNamedFieldByFieldAndNothingIsWritten() {
        Map<String, Object> body = fleet.registration("edge");
        body.put("name", "Edge_1");
        body.put("gateways", Map.of("admin-mode", "sideways", "admin-port", 15000));
        body.put("colour", "blue");
        body.put("credentials", Map.of("kubeconfig", EDGE_TOKEN + ": [", "pin", "1234"));
        String answer = asAdmin().contentType("application/json").body(body).post("/api/v1/clusters").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "credentials.pin"))
                .extract().asString();
        assertThat(answer).doesNotContain(EDGE_TOKEN).doesNotContain("1234");

        body.put("name", "edge");
        body.put("credentials", Map.of("kubeconfig", fleet.registration("edge").get("credentials") instanceof Map<?, ?> c
                ? c.get("kubeconfig") : ""));
        JsonPath problem = asAdmin().contentType("application/json").body(body).post("/api/v1/clusters").then()
                .statusCode(400).extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).contains("gateways.admin-mode", "colour");
        assertThat(problem.prettify()).doesNotContain(EDGE_TOKEN);

        Map<String, Object> fileRefs = fleet.registration("edge");
        fileRefs.put("kubernetes", Map.of("kubeconfig", "/etc/fleet/edge.kubeconfig"));
        fileRefs.remove("credentials");
        asAdmin().contentType("application/json").body(fileRefs).post("/api/v1/clusters").then().statusCode(400)
                .body("errors.field", hasItems("kubernetes.kubeconfig"))
                .body("errors.find { it.field == 'kubernetes.kubeconfig' }.message",
                        containsString("credentials.kubeconfig"));

        asAdmin().contentType("application/json").body(Map.of("labels", Map.of("env", "x")))
                .post("/api/v1/clusters").then().statusCode(400).body("errors.field", hasItems("name"));
        Map<String, Object> put = fleet.registration("edge");
        put.remove("name");
        asAdmin().contentType("application/json").body(put).put("/api/v1/clusters/edge").then().statusCode(400)
                .body("errors.field", hasItems("resourceVersion"));
        assertThat(edgeSecret()).isNull();
    }

    @Test
    void noCredentialInAnyAnswerOrAuditEntry() {
        asAdmin().contentType("application/json").body(fleet.registration("edge")).post("/api/v1/clusters")
                .then().statusCode(201);
        for (String path : List.of("/api/v1/clusters", "/api/v1/clusters/edge", "/api/v1/clusters/edge/gateways",
                "/api/v1/audit", "/api/v1/upstreams", "/q/openapi?format=json")) {
            assertThat(asAdmin().get(path).then().statusCode(200).extract().asString()).as(path)
                    .doesNotContain(EDGE_TOKEN);
        }
        assertThat(asAdmin().get("/api/v1/audit").then().extract().asString()).contains("edge");
    }
}
