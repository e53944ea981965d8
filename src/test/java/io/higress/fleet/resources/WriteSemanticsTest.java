package io.higress.fleet.resources;

import io.higress.fleet.resources.route.RouteTranslator;
import io.higress.fleet.resources.route.RouteSpec;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Apply semantics against three simulated clusters: validation first, dryRun, 409/404 per cluster, ownership, drift. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/,oci://example/")})
class WriteSemanticsTest {

    static String route(String name) {
        return "{\"name\": \"" + name + "\", \"domain\": [\"a.example.com\"], \"paths\": [\"/api/*\"], "
                + "\"serviceName\": \"svc\", \"servicePort\": 8080}";
    }

    static ValidatableResponse post(String path, String body) {
        return asOperator().contentType("application/json").body(body).post(path).then();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/routes|{\"name\":\"r1\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePorts\":80}|servicePorts",
            "/api/v1/routes|{\"name\":\"Bad_Name\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":80}|name",
            "/api/v1/routes|{\"name\":\"r1\",\"domain\":[\"bad domain\"],\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":80}|domain[0]",
            "/api/v1/routes|{\"name\":\"r1\",\"paths\":[\"api\"],\"serviceName\":\"s\",\"servicePort\":80}|paths[0]",
            "/api/v1/routes|{\"name\":\"r1\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":70000}|servicePort",
            "/api/v1/routes|{\"name\":\"r1\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":\"80\"}|servicePort",
            "/api/v1/routes|{\"name\":\"r1\",\"paths\":[\"/\"]|body",
            "/api/v1/plugins|{\"name\":\"ai-proxy\",\"phase\":\"EARLY\",\"priority\":300}|phase",
            "/api/v1/plugins|{\"name\":\"ai-proxy\",\"priority\":5000}|priority",
            "/api/v1/plugins|{\"name\":\"my-plugin\",\"priority\":10}|url",
            "/api/v1/plugins|{\"name\":\"ai-proxy\",\"type\":\"Lua\"}|type",
            "/api/v1/mcp-bridges|{\"name\":\"b1\",\"eureka\":[{\"name\":\"e\",\"address\":\"e:8761\"}]}|eureka",
            "/api/v1/mcp-bridges|{\"name\":\"b1\",\"nacos\":[{\"name\":\"n\",\"address\":\"nacos:99999\"}]}|nacos[0].address",
            "/api/v1/mcp-bridges|{\"name\":\"b1\",\"nacos\":[{\"name\":\"n\",\"address\":\"nacos:8848\",\"type\":\"zk\"}]}|nacos[0].type",
            "/api/v1/routes?namespace=Bad_NS|{\"name\":\"r1\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":80}|namespace",
            "/api/v1/routes?selector=env%3D%3D%3D|{\"name\":\"r1\",\"paths\":[\"/\"],\"serviceName\":\"s\",\"servicePort\":80}|selector"})
    void aBadBodyIsA400NamingTheFieldAndChangesNoCluster(String path, String body, String field) {
        Map<String, String> before = ClusterState.snapshot();
        post(path, body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        assertThat(ClusterState.snapshot()).isEqualTo(before);
    }

    @Test
    void aPutWhoseMergedRouteIsInvalidChangesNoCluster() {
        post("/api/v1/routes", route("put-invalid")).statusCode(201);
        Map<String, String> before = ClusterState.snapshot();
        asOperator().contentType("application/json").body("{\"servicePort\": 0, \"paths\": [\"nope\"]}")
                .put("/api/v1/routes/put-invalid").then().statusCode(400)
                .body("errors.field", hasItems("servicePort", "paths[0]"));
        asOperator().contentType("application/json").body("{\"name\": \"other\"}")
                .put("/api/v1/routes/put-invalid").then().statusCode(400).body("errors.field", contains("name"));
        assertThat(ClusterState.snapshot()).isEqualTo(before);
    }

    @Test
    void dryRunAnswersThePlanAndWritesNothing() {
        Map<String, String> before = ClusterState.snapshot();
        asOperator().queryParam("dryRun", true).contentType("application/json").body(route("dry"))
                .post("/api/v1/routes").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("results.status", everyItem(equalTo("create")))
                .body("results[0].changes.path", hasItem("/spec"));
        assertThat(ClusterState.snapshot()).isEqualTo(before);

        post("/api/v1/routes", route("dry")).statusCode(201);
        Map<String, String> created = ClusterState.snapshot();
        asOperator().queryParam("dryRun", true).contentType("application/json").body("{\"domain\": [\"b.example.com\"]}")
                .put("/api/v1/routes/dry").then().statusCode(200)
                .body("results.status", everyItem(equalTo("update")))
                .body("results[0].changes.path", contains("/spec/rules/0/host"))
                .body("results[0].changes[0].from", equalTo("a.example.com"))
                .body("results[0].changes[0].to", equalTo("b.example.com"));
        asOperator().queryParam("dryRun", true).delete("/api/v1/routes/dry").then().statusCode(200)
                .body("results.status", everyItem(equalTo("delete")));
        assertThat(ClusterState.snapshot()).isEqualTo(created);
    }

    @Test
    void postOnAnExistingObjectIsA409ForThatClusterOnly() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("exists"))
                .post("/api/v1/routes").then().statusCode(201);
        post("/api/v1/routes", route("exists")).statusCode(207)
                .body("results.find { it.cluster == 'dev' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'dev' }.error.status", equalTo(409))
                .body("results.find { it.cluster == 'dev' }.error.hint", containsString("update it"))
                .body("results.find { it.cluster == 'prod' }.status", equalTo("created"))
                .body("summary.failed", equalTo(1));
        // Everywhere now: one 409 problem listing each cluster.
        post("/api/v1/routes", route("exists")).statusCode(409)
                .contentType("application/problem+json")
                .body("errors.cluster", contains("dev", "prod", "test"));
    }

    @Test
    void putAndDeleteOfAMissingObjectAre404() {
        asOperator().contentType("application/json").body("{\"domain\": [\"x.example.com\"]}")
                .put("/api/v1/routes/missing").then().statusCode(404).body("errors.cluster", contains("dev", "prod", "test"))
                .body("detail", containsString("every targeted cluster (dev, prod, test)"));
        asOperator().delete("/api/v1/plugins/missing").then().statusCode(404);
    }

    @Test
    void aPutWithNothingNewIsUnchanged() {
        post("/api/v1/routes", route("same")).statusCode(201);
        asOperator().contentType("application/json").body("{\"servicePort\": 8080}")
                .put("/api/v1/routes/same").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
    }

    @Test
    void anObjectTheFacadeDoesNotManageNeedsForce() {
        GenericKubernetesResource handMade = Serialization.unmarshal(Serialization.asJson(new IngressBuilder()
                .withNewMetadata().withName("hand-made").withNamespace(ClusterState.NS).endMetadata()
                .withNewSpec().withIngressClassName("higress").addNewRule().withHost("h.example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("svc")
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build()), GenericKubernetesResource.class);
        ClusterState.create("dev", handMade);
        String rv = ClusterState.get("dev", "Ingress", "hand-made").getMetadata().getResourceVersion();

        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"servicePort\": 9090}")
                .put("/api/v1/routes/hand-made").then().statusCode(409)
                .body("hint", containsString("force=true"));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/routes/hand-made").then().statusCode(409);
        assertThat(ClusterState.get("dev", "Ingress", "hand-made").getMetadata().getResourceVersion()).isEqualTo(rv);

        asOperator().queryParam("clusters", "dev").queryParam("force", true).contentType("application/json")
                .body("{\"servicePort\": 9090}").put("/api/v1/routes/hand-made").then().statusCode(200)
                .body("results[0].status", equalTo("updated"));
        GenericKubernetesResource taken = ClusterState.get("dev", "Ingress", "hand-made");
        assertThat(taken.getMetadata().getLabels()).containsEntry(Ownership.LABEL, Ownership.VALUE);
        assertThat(ClusterState.json("dev", "Ingress", "hand-made")
                .getInt("spec.rules[0].http.paths[0].backend.service.port.number")).isEqualTo(9090);
    }

    @Test
    void copiesThatDifferAreReportedAsDrift() {
        post("/api/v1/routes", route("drifting")).statusCode(201);
        Map<?, ?> otherPort = Serialization.unmarshal(Serialization.asJson(new RouteTranslator(ClusterState.NS)
                .toIngress(new RouteSpec("drifting", List.of("a.example.com"), List.of("/api/*"), "svc", 9999, null))
                .getSpec()), Map.class);
        SimulatedFleetResource.fleet().client("prod").genericKubernetesResources(ClusterState.type("Ingress"))
                .inNamespace(ClusterState.NS).withName("drifting").edit(o -> {
                    o.setAdditionalProperty("spec", otherPort);
                    return o;
                });
        asOperator().get("/api/v1/routes/drifting").then().statusCode(200)
                .body("drift", equalTo(true))
                .body("clusters", contains("dev", "prod", "test"))
                .body("servicePort", equalTo(8080))
                .body("copies.prod.servicePort", equalTo(9999));
        asOperator().get("/api/v1/routes/same-as-nothing").then().statusCode(404);
    }

    /** With "no targeting = every cluster", a typo must not widen a write: 400 naming the parameter, nothing written. */
    @Test
    void aMisspeltOrRepeatedQueryParameterIs400AndNothingIsWritten() {
        asOperator().queryParam("cluster", "dev").contentType("application/json").body(route("typo-route"))
                .post("/api/v1/routes").then().statusCode(400)
                .body("errors[0].field", equalTo("cluster"))
                .body("errors[0].message", containsString("clusters, dryRun, force, namespace, selector"));
        asOperator().queryParam("clusters", "dev").queryParam("clusters", "prod").contentType("application/json")
                .body(route("typo-route")).post("/api/v1/routes").then().statusCode(400)
                .body("errors[0].field", equalTo("clusters")).body("errors[0].message", containsString("2 times"));
        asOperator().queryParam("dryrun", "true").contentType("application/json").body(route("typo-route"))
                .post("/api/v1/routes").then().statusCode(400).body("errors[0].field", equalTo("dryrun"));
        asOperator().contentType("application/json").body(route("typo-route")).post("/api/v1/routes?dryrun")
                .then().statusCode(400).body("errors[0].field", equalTo("dryrun"));
        asOperator().queryParam("selectr", "env=prod").get("/api/v1/routes").then().statusCode(400)
                .body("errors[0].field", equalTo("selectr"));
        // rollouts are targeted in their body; a query parameter there would be silently ignored
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{}")
                .post("/api/v1/rollouts").then().statusCode(400)
                .body("errors[0].field", equalTo("clusters"))
                .body("errors[0].message", containsString("takes none"));
        // ?clusters=$TARGET with TARGET unset: empty is not "every cluster"
        for (String query : List.of("?clusters=", "?clusters", "?selector=", "?clusters=&selector=env=prod")) {
            asOperator().contentType("application/json").body(route("typo-route")).post("/api/v1/routes" + query)
                    .then().statusCode(400).body("errors[0].message", containsString("is empty"));
        }
        asOperator().get("/api/v1/fleet/ready?clusters=").then().statusCode(400)
                .body("errors[0].field", equalTo("clusters"));
        asOperator().queryParam("clusters", "stage").contentType("application/json").body(route("typo-route"))
                .post("/api/v1/routes").then().statusCode(404).body("errors[0].field", equalTo("clusters"));
        for (String cluster : List.of("dev", "test", "prod")) {
            assertThat(ClusterState.get(cluster, "Ingress", "typo-route")).as(cluster).isNull();
        }
    }

    /** A bare flag and Kubernetes' dryRun=All mean yes, like dryRun=true: a plan, and nothing written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"?dryRun", "?dryRun=", "?dryRun=true", "?dryRun=All"})
    void everySpellingOfDryRunOnlyPlans(String query) {
        asOperator().contentType("application/json").body(route("dry-spelling")).post("/api/v1/routes" + query)
                .then().statusCode(200).body("dryRun", equalTo(true))
                .body("results.status", everyItem(equalTo("create")));
        for (String cluster : List.of("dev", "test", "prod")) {
            assertThat(ClusterState.get(cluster, "Ingress", "dry-spelling")).as(cluster).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dryRun=1,dryRun", "dryRun=yes,dryRun", "force=maybe,force", "force=All,force"})
    void aFlagThatIsNeitherYesNorNoIs400(String query, String field) {
        asOperator().contentType("application/json").body(route("odd-flag")).post("/api/v1/routes?" + query)
                .then().statusCode(400).body("errors[0].field", equalTo(field));
        for (String cluster : List.of("dev", "test", "prod")) {
            assertThat(ClusterState.get(cluster, "Ingress", "odd-flag")).as(cluster).isNull();
        }
    }

    /** Kubernetes-style read-modify-write: what a GET answered can be PUT back, read-only fields and all. */
    @Test
    void whatAGetAnsweredCanBePutBack() {
        post("/api/v1/routes", route("round-trip")).statusCode(201);
        String read = asOperator().get("/api/v1/routes/round-trip").then().statusCode(200)
                .body("clusters", hasItems("dev", "prod", "test")).body("managed", equalTo(true))
                .extract().asString();
        asOperator().contentType("application/json").body(read).put("/api/v1/routes/round-trip").then()
                .statusCode(200).body("results.status", everyItem(equalTo("unchanged")));
        String edited = read.replace("\"servicePort\":8080", "\"servicePort\":9090");
        assertThat(edited).isNotEqualTo(read);
        asOperator().contentType("application/json").body(edited).put("/api/v1/routes/round-trip").then()
                .statusCode(200).body("results.status", everyItem(equalTo("updated")));
        assertThat(ClusterState.json("prod", "Ingress", "round-trip")
                .getInt("spec.rules[0].http.paths[0].backend.service.port.number")).isEqualTo(9090);
    }

    /** An operator reads secrets as "[redacted]"; sending that back keeps the secret, it never becomes the text. */
    @Test
    void aRedactedPlaceholderSentBackKeepsTheSecret() {
        String plugin = "{\"name\": \"redact-trip\", \"type\": \"WasmPlugin\", \"url\": \"oci://example/redact-trip:1\", "
                + "\"phase\": \"AUTHN\", \"priority\": 10, \"config\": {\"services\": [{\"provider\": \"openai\", "
                + "\"api_tokens\": [\"sk-secret-1\"]}]}}";
        io.higress.fleet.sim.FleetApi.asAdmin().contentType("application/json").body(plugin)
                .post("/api/v1/plugins").then().statusCode(201);
        String read = asOperator().get("/api/v1/plugins/redact-trip").then().statusCode(200)
                .body("config.services[0].api_tokens", contains("[redacted]")).extract().asString();

        asOperator().contentType("application/json").body(read.replace("\"priority\":10", "\"priority\":20"))
                .put("/api/v1/plugins/redact-trip").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        io.higress.fleet.sim.FleetApi.asAdmin().get("/api/v1/plugins/redact-trip").then().statusCode(200)
                .body("priority", equalTo(20))
                .body("config.services[0].api_tokens", contains("sk-secret-1"));

        // creating from such a copy has no secret to keep: 400 naming the field, nothing written
        asOperator().contentType("application/json")
                .body(plugin.replace("redact-trip", "redact-copy").replace("[\"sk-secret-1\"]", "\"[redacted]\""))
                .post("/api/v1/plugins").then().statusCode(400)
                .body("errors[0].field", equalTo("config.services[0].api_tokens"));
        assertThat(ClusterState.get("dev", "WasmPlugin", "redact-copy")).isNull();
    }

    /**
     * A dry run is no oracle: an operator's guess of a stored secret is planned as a change whether right or wrong,
     * with the same answer; only an admin (who may read it) sees a right value as unchanged.
     */
    @Test
    void aDryRunNeverConfirmsAGuessedSecret() {
        io.higress.fleet.sim.FleetApi.asAdmin().contentType("application/json").body("{\"name\": \"oracle\", "
                        + "\"url\": \"oci://example/oracle:1\", \"phase\": \"AUTHN\", \"priority\": 10, "
                        + "\"config\": {\"services\": [{\"provider\": \"openai\", \"api_tokens\": [\"sk-right\"]}]}}")
                .post("/api/v1/plugins").then().statusCode(201);
        String guess = "{\"config\": {\"services\": [{\"provider\": \"openai\", \"api_tokens\": [\"%s\"]}]}}";
        List<String> answers = new java.util.ArrayList<>();
        for (String token : List.of("sk-right", "sk-wrong")) {
            answers.add(asOperator().queryParam("dryRun", true).contentType("application/json")
                    .body(guess.formatted(token)).put("/api/v1/plugins/oracle").then().statusCode(200)
                    .body("results.status", everyItem(equalTo("update")))
                    .body("results[0].changes.path", contains("/spec/defaultConfig/services/0/api_tokens"))
                    .body("results[0].changes[0].to", contains("[redacted]"))
                    .extract().jsonPath().getList("results").toString());
        }
        assertThat(answers.get(0)).as("a right guess answers what a wrong one does").isEqualTo(answers.get(1));
        asOperator().contentType("application/json").body(guess.formatted("sk-right"))
                .put("/api/v1/plugins/oracle").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")))
                .body("results[0].changes.path", contains("/spec/defaultConfig/services/0/api_tokens"));
        io.higress.fleet.sim.FleetApi.asAdmin().queryParam("dryRun", true).contentType("application/json")
                .body(guess.formatted("sk-right")).put("/api/v1/plugins/oracle").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
    }

    /** Unknown fields do not hide the other mistakes: one 400 lists them all, and nothing is written. */
    @Test
    void oneAnswerListsUnknownAndInvalidFieldsTogether() {
        post("/api/v1/routes", "{\"name\":\"Bad_Name\",\"domain\":[\"exa mple.com\"],\"paths\":[\"api\"],"
                + "\"servicePort\":70000,\"extra\":1,\"more\":{\"x\":1}}").statusCode(400)
                .body("errors.field", hasItems("extra", "more", "name", "domain[0]", "paths[0]", "servicePort",
                        "serviceName"));
        for (String cluster : List.of("dev", "test", "prod")) {
            assertThat(ClusterState.get(cluster, "Ingress", "Bad_Name")).as(cluster).isNull();
        }
    }

    /** Arrays replace whole: an entry that moved must not be given the secret of the entry now at its index. */
    @Test
    void aPlaceholderInAMovedEntryIsA400NotAnotherEntrysSecret() {
        String plugin = "{\"name\": \"two-services\", \"type\": \"WasmPlugin\", \"url\": \"oci://example/two:1\", "
                + "\"phase\": \"AUTHN\", \"priority\": 10, \"config\": {\"services\": ["
                + "{\"name\": \"a\", \"api_tokens\": [\"sk-a\"]}, {\"name\": \"b\", \"api_tokens\": [\"sk-b\"]}]}}";
        io.higress.fleet.sim.FleetApi.asAdmin().contentType("application/json").body(plugin)
                .post("/api/v1/plugins").then().statusCode(201);

        // the operator drops service a: b moves to index 0, where a's token is
        asOperator().contentType("application/json")
                .body("{\"config\": {\"services\": [{\"name\": \"b\", \"api_tokens\": \"[redacted]\"}]}}")
                .put("/api/v1/plugins/two-services").then().statusCode(400)
                .body("errors[0].field", equalTo("config.services[0].api_tokens"));
        io.higress.fleet.sim.FleetApi.asAdmin().get("/api/v1/plugins/two-services").then().statusCode(200)
                .body("config.services.api_tokens", contains(List.of("sk-a"), List.of("sk-b")));

        // unchanged entries keep their secrets while a field elsewhere changes
        asOperator().contentType("application/json").body("{\"priority\": 11, \"config\": {\"services\": ["
                        + "{\"name\": \"a\", \"api_tokens\": \"[redacted]\"}, {\"name\": \"b\", \"api_tokens\": \"[redacted]\"}]}}")
                .put("/api/v1/plugins/two-services").then().statusCode(200);
        io.higress.fleet.sim.FleetApi.asAdmin().get("/api/v1/plugins/two-services").then().statusCode(200)
                .body("priority", equalTo(11))
                .body("config.services.api_tokens", contains(List.of("sk-a"), List.of("sk-b")));
    }

    /** A non-admin's export carries placeholders: applying it would write them over the secrets. */
    @Test
    void manifestsWithAPlaceholderAre400() {
        String manifest = """
                apiVersion: extensions.higress.io/v1alpha1
                kind: WasmPlugin
                metadata: {name: from-export, namespace: higress-system}
                spec:
                  url: oci://example/from-export:1
                  defaultConfig: {services: [{provider: openai, api_tokens: "[redacted]"}]}
                """;
        asOperator().contentType("application/yaml").body(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(400)
                .body("errors[0].field", equalTo("documents[0].spec.defaultConfig.services[0].api_tokens"));
        assertThat(ClusterState.get("dev", "WasmPlugin", "from-export")).isNull();
    }
}
