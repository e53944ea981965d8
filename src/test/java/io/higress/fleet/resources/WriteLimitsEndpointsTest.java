package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write limits through every door: REST writes, manifests and rollouts naming a namespace outside
 * {@code fleet.resources.namespaces}, or a Wasm plugin url outside {@code fleet.resources.plugin-urls}, are a 403
 * {@code write-not-allowed} naming the field and the setting, and no cluster hears of them. {@code prod} is
 * console-managed: its plugins are checked the same way.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,prod"), @ResourceArg(name = "gateways", value = "1"),
        @ResourceArg(name = "console-managed", value = "prod"),
        @ResourceArg(name = "fleet.resources.namespaces", value = "higress-system,apps"),
        @ResourceArg(name = "fleet.resources.plugin-urls",
                value = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/,oci://registry.example.com/plugins/")})
class WriteLimitsEndpointsTest {
    static final String ROUTE = "{\"name\": \"%s\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}";
    static final String EVIL = "oci://evil.example.com/plugins/mine:1";

    static KubernetesMockServer dev() {
        return SimulatedFleetResource.fleet().kubernetesServer("dev");
    }

    @BeforeEach
    void forget() throws InterruptedException {
        WriteFailuresTest.drain(dev());
        SimulatedFleetResource.fleet().console("prod").clearRequests();
    }

    /** Nothing reached a cluster about {@code name}: no API server request, no console request. */
    static void noClusterHeardOf(String name) throws InterruptedException {
        assertThat(WriteFailuresTest.drain(dev())).noneMatch(p -> p.contains(name));
        assertThat(SimulatedFleetResource.fleet().console("prod").requests()).noneMatch(r -> r.path().contains(name));
    }

    static ValidatableResponse refused(ValidatableResponse r, String field, String setting) {
        return r.statusCode(403)
                .body("type", equalTo("https://higress-fleet.io/problems/write-not-allowed"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(setting));
    }

    @Test
    void aRouteInANamespaceOutsideTheListIsRefusedBeforeAnyClusterIsCalled() throws InterruptedException {
        refused(asOperator().queryParam("namespace", "kube-system").contentType("application/json")
                .body(ROUTE.formatted("ns-query")).post("/api/v1/routes").then(), "namespace",
                "fleet.resources.namespaces")
                .body("errors[0].message", allOf(containsString("'kube-system'"), containsString("higress-system, apps")));
        refused(asOperator().contentType("application/json")
                .body(ROUTE.formatted("ns-body").replace("}", ", \"namespace\": \"kube-system\"}"))
                .post("/api/v1/routes").then(), "namespace", "fleet.resources.namespaces");
        noClusterHeardOf("ns-query");
        noClusterHeardOf("ns-body");

        for (String method : List.of("PUT", "DELETE")) {
            var request = asOperator().queryParam("namespace", "kube-system").contentType("application/json");
            var answer = method.equals("PUT") ? request.body("{\"servicePort\": 81}").put("/api/v1/routes/ns-other")
                    : request.delete("/api/v1/routes/ns-other");
            refused(answer.then(), "namespace", "fleet.resources.namespaces");
        }
        refused(asOperator().queryParam("namespace", "kube-system").post("/api/v1/plugins/ns-other/enable").then(),
                "namespace", "fleet.resources.namespaces");
        noClusterHeardOf("ns-other");

        asOperator().queryParam("namespace", "apps").queryParam("clusters", "dev").contentType("application/json")
                .body(ROUTE.formatted("ns-listed")).post("/api/v1/routes").then().statusCode(201);
        assertThat(SimulatedFleetResource.fleet().client("dev").network().v1().ingresses().inNamespace("apps")
                .withName("ns-listed").get()).as("a listed namespace is written").isNotNull();
    }

    @Test
    void aPluginUrlOutsideTheListIsRefusedNamingTheField() throws InterruptedException {
        refused(asOperator().contentType("application/json").body(Map.of("name", "evil-post", "url", EVIL))
                .post("/api/v1/plugins").then(), "url", "fleet.resources.plugin-urls")
                .body("errors[0].message", containsString(EVIL));
        noClusterHeardOf("evil-post");

        asOperator().contentType("application/json").body(Map.of("name", "ai-proxy", "config", Map.of()))
                .post("/api/v1/plugins").then().statusCode(201); // the built-in image, from Higress's registry
        asOperator().contentType("application/json")
                .body(Map.of("name", "mine", "url", "oci://registry.example.com/plugins/mine:1"))
                .post("/api/v1/plugins").then().statusCode(201);
        var before = ClusterState.snapshot();
        SimulatedFleetResource.fleet().console("prod").clearRequests();

        // a PUT's url is known once merged onto each cluster's copy: refused before anything is written anywhere
        refused(asOperator().contentType("application/json").body(Map.of("url", EVIL)).put("/api/v1/plugins/mine")
                .then(), "url", "fleet.resources.plugin-urls");
        assertThat(ClusterState.snapshot()).isEqualTo(before);
        assertThat(SimulatedFleetResource.fleet().console("prod").writes()).as("the console's copy").isEmpty();
    }

    @Test
    void manifestsAreHeldToTheSameLimits() throws InterruptedException {
        String manifests = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: manifest-ns, namespace: kube-system}
                spec: {ingressClassName: higress}
                ---
                apiVersion: extensions.higress.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: manifest-url}
                spec: {url: "%s"}
                """.formatted(EVIL);
        refused(asOperator().queryParam("clusters", "dev").contentType("application/yaml")
                .body(manifests.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then(), "documents[0].metadata.namespace", "fleet.resources.namespaces")
                .body("errors.field", contains("documents[0].metadata.namespace", "documents[1].spec.url"));
        noClusterHeardOf("manifest-ns");
        noClusterHeardOf("manifest-url");
    }

    @Test
    void noWriteCarriesTheLabelsOfTheFacadesOwnState() throws InterruptedException {
        String manifests = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: forged-state
                  labels: {higress-fleet.io/object-type: desired-state, higress-fleet.io/rollout: r1, team: a}
                spec: {ingressClassName: higress}
                """;
        refused(asAdmin().queryParam("clusters", "dev").contentType("application/yaml")
                .body(manifests.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/manifests").then(),
                "documents[0].metadata.labels.higress-fleet.io/object-type", "reserved")
                .body("errors.field", contains("documents[0].metadata.labels.higress-fleet.io/object-type",
                        "documents[0].metadata.labels.higress-fleet.io/rollout"));
        asOperator().contentType("application/json").body(Map.of("clusters", List.of("dev"), "manifests", manifests))
                .put("/api/v1/desired-states/forged").then().statusCode(400)
                .body("errors.field", hasItem("manifests[0].metadata.labels.higress-fleet.io/object-type"));
        asAdmin().get("/api/v1/desired-states/forged").then().statusCode(404);
        noClusterHeardOf("forged-state");
    }

    @Test
    void rolloutsAreRefusedBeforeTheyStart() {
        int before = asAdmin().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath()
                .getList("items").size();
        refused(asOperator().contentType("application/json").body(Map.of("strategy", "all",
                        "routes", List.of(Map.of("name", "rollout-ns", "paths", List.of("/"), "serviceName", "svc",
                                "servicePort", 80, "namespace", "kube-system")),
                        "plugins", List.of(Map.of("name", "rollout-url", "url", EVIL)),
                        "manifests", "apiVersion: extensions.higress.io/v1alpha1\nkind: WasmPlugin\n"
                                + "metadata: {name: rollout-manifest}\nspec: {url: \"" + EVIL + "\"}\n"))
                .post("/api/v1/rollouts").then(), "routes[0].namespace", "fleet.resources.namespaces")
                .body("errors.field", contains("routes[0].namespace", "plugins[0].url",
                        "manifests.documents[0].spec.url"));
        assertThat(asAdmin().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath().getList("items"))
                .as("no rollout was started").hasSize(before);
    }
}
