package io.higress.fleet.resources.route;

import static io.higress.fleet.resources.ai.AiFleet.INGRESSES;
import static io.higress.fleet.resources.ai.AiFleet.awaitRollout;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.ApiFault;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes in a mixed fleet: {@code dev} writes Ingresses (and may be asked for an HTTPRoute), {@code gw} has
 * {@code routes-api: gateway}, {@code old} has no gateway-parent, {@code con} is console-managed. Field by field in
 * the mock API servers, reads across both forms, moves between them, dryRun, export, a rollout, and bad input.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "clusters", value = "dev,gw,old,con"),
        @ResourceArg(name = "gateways", value = "1"),
        @ResourceArg(name = "console-managed", value = "con"),
        @ResourceArg(name = "fleet.clusters.gw.routes-api", value = "gateway"),
        @ResourceArg(name = "fleet.clusters.gw.gateway-parent", value = "higress-system/higress-gateway"),
        @ResourceArg(name = "fleet.clusters.dev.gateway-parent", value = "gateways/dev-gateway"),
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
@SuppressWarnings("unchecked")
class GatewayRoutesTest {
    static final ResourceDefinitionContext HTTPROUTES = HttpRouteTranslator.HTTPROUTE.context();
    static final List<String> KUBERNETES = List.of("dev", "gw", "old");

    static String route(String name) {
        return """
                {"name": "%s", "domain": ["a.example.com", "*.b.example.com"], "paths": ["/api/*", "/exact", "/*"],
                 "serviceName": "svc", "servicePort": 8080}""".formatted(name);
    }

    static ObjectNode ingress(String cluster, String name) {
        return object(cluster, INGRESSES, name);
    }

    static ObjectNode httpRoute(String cluster, String name) {
        return object(cluster, HTTPROUTES, name);
    }

    @AfterEach
    void clear() {
        for (String c : KUBERNETES) {
            var client = SimulatedFleetResource.fleet().client(c);
            client.genericKubernetesResources(INGRESSES).inNamespace(AiFleet.NS).delete();
            client.genericKubernetesResources(HTTPROUTES).inNamespace(AiFleet.NS).delete();
        }
    }

    @Test
    void eachClusterGetsItsRoutesApiFieldByFieldAndReadsShowBoth() {
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body(route("mixed"))
                .post("/api/v1/routes").then().statusCode(201)
                .body("results.cluster", contains("dev", "gw"))
                .body("results.kind", contains("Ingress", "HTTPRoute"))
                .body("results.status", everyItem(equalTo("created")));

        assertThat(httpRoute("dev", "mixed")).as("dev writes Ingresses").isNull();
        assertThat(ingress("dev", "mixed").at("/spec/rules/0/http/paths/0/pathType").asText()).isEqualTo("Prefix");
        assertThat(ingress("gw", "mixed")).as("gw writes HTTPRoutes").isNull();
        ObjectNode h = httpRoute("gw", "mixed");
        assertThat(h.path("apiVersion").asText()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(h.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("higress-fleet");
        assertThat(h.at("/spec/parentRefs")).isEqualTo(AiFleet.json(
                "[{\"name\": \"higress-gateway\", \"namespace\": \"higress-system\"}]"));
        assertThat(h.at("/spec/hostnames")).isEqualTo(AiFleet.json("[\"a.example.com\", \"*.b.example.com\"]"));
        assertThat(h.at("/spec/rules")).isEqualTo(AiFleet.json("""
                [{"matches": [{"path": {"type": "PathPrefix", "value": "/api"}},
                              {"path": {"type": "Exact", "value": "/exact"}},
                              {"path": {"type": "PathPrefix", "value": "/"}}],
                  "backendRefs": [{"name": "svc", "port": 8080}]}]"""));

        // one route, no drift: the two forms hold the same route
        asViewer().get("/api/v1/routes/mixed").then().statusCode(200)
                .body("clusters", contains("dev", "gw")).body("drift", equalTo(false)).body("managed", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("api")))
                .body("copies.dev.api", equalTo("ingress")).body("copies.gw.api", equalTo("gateway"));
        asViewer().queryParam("clusters", "gw").get("/api/v1/routes/mixed").then().statusCode(200)
                .body("api", equalTo("gateway"))
                .body("domain", contains("a.example.com", "*.b.example.com"))
                .body("paths", contains("/api/*", "/exact", "/*"))
                .body("serviceName", equalTo("svc")).body("servicePort", equalTo(8080));
        asViewer().get("/api/v1/routes").then().statusCode(200)
                .body("items.find { it.name == 'mixed' }.clusters", contains("dev", "gw"))
                .body("items.find { it.name == 'mixed' }.drift", equalTo(false));

        // a merge patch in the HTTPRoute; the parents it has are kept
        ObjectNode moved = httpRoute("gw", "mixed");
        ((ObjectNode) moved.at("/spec/parentRefs/0")).put("name", "other-gateway");
        AiFleet.put("gw", HTTPROUTES, moved);
        asOperator().queryParam("clusters", "gw").contentType("application/json")
                .body("{\"domain\": [\"new.example.com\"], \"servicePort\": 9090}").put("/api/v1/routes/mixed")
                .then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].changes.path", hasItems("/spec/hostnames", "/spec/rules/0/backendRefs/0/port"));
        h = httpRoute("gw", "mixed");
        assertThat(h.at("/spec/hostnames")).isEqualTo(AiFleet.json("[\"new.example.com\"]"));
        assertThat(h.at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(9090);
        assertThat(h.at("/spec/parentRefs/0/name").asText()).isEqualTo("other-gateway");
        asViewer().get("/api/v1/routes/mixed").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.gw.domain", contains("new.example.com"))
                .body("copies.gw.api", equalTo("gateway"))
                .body("copies.dev.domain", contains("a.example.com", "*.b.example.com"));

        asOperator().queryParam("clusters", "dev,gw").delete("/api/v1/routes/mixed").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        assertThat(ingress("dev", "mixed")).isNull();
        assertThat(httpRoute("gw", "mixed")).isNull();
    }

    @Test
    void theApiParameterOverridesTheClusterAndAPutWithTheOtherOneMovesTheRoute() {
        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").queryParam("dryRun", "true")
                .contentType("application/json").body(route("asked")).post("/api/v1/routes").then().statusCode(200)
                .body("results[0].status", equalTo("create")).body("dryRun", equalTo(true))
                .body("results[0].kind", equalTo("HTTPRoute"))
                .body("results[0].changes.path", hasItem("/spec"));
        assertThat(httpRoute("dev", "asked")).as("a dry run writes nothing").isNull();

        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").contentType("application/json")
                .body(route("asked")).post("/api/v1/routes").then().statusCode(201);
        assertThat(ingress("dev", "asked")).isNull();
        assertThat(httpRoute("dev", "asked").at("/spec/parentRefs/0/name").asText()).isEqualTo("dev-gateway");
        assertThat(httpRoute("dev", "asked").at("/spec/parentRefs/0/namespace").asText()).isEqualTo("gateways");

        // a PUT without api keeps the route where it is; with the other api it moves it
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"servicePort\": 81}")
                .put("/api/v1/routes/asked").then().statusCode(200).body("results[0].status", equalTo("updated"));
        assertThat(httpRoute("dev", "asked").at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(81);
        asOperator().queryParam("clusters", "dev").queryParam("api", "ingress").contentType("application/json")
                .body("{}").put("/api/v1/routes/asked").then().statusCode(200)
                .body("results[0].status", equalTo("updated")).body("results[0].kind", equalTo("Ingress"))
                .body("results[0].changes.path", contains("/metadata/labels/app.kubernetes.io~1managed-by", "/spec",
                        "/spec", "/metadata/labels/app.kubernetes.io~1managed-by",
                        "/metadata/annotations/higress-fleet.io~1form")); // the Ingress created, the HTTPRoute deleted
        assertThat(httpRoute("dev", "asked")).as("moved out").isNull();
        assertThat(ingress("dev", "asked").at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt())
                .isEqualTo(81);
        asViewer().queryParam("clusters", "dev").get("/api/v1/routes/asked").then().statusCode(200)
                .body("api", equalTo("ingress"));

        // the body may say it too
        asOperator().queryParam("clusters", "gw").contentType("application/json")
                .body(route("told").replace("\"name\"", "\"api\": \"ingress\", \"name\"")).post("/api/v1/routes")
                .then().statusCode(201).body("results[0].kind", equalTo("Ingress"));
        assertThat(ingress("gw", "told")).isNotNull();
        assertThat(httpRoute("gw", "told")).isNull();
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsWrittenAnywhere() {
        asOperator().queryParam("api", "grpc").contentType("application/json").body(route("bad"))
                .post("/api/v1/routes").then().statusCode(400).body("errors.field", hasItem("api"));
        asOperator().queryParam("api", "ingress").contentType("application/json")
                .body(route("bad").replace("\"name\"", "\"api\": \"gateway\", \"name\"")).post("/api/v1/routes")
                .then().statusCode(400).body("errors.field", hasItem("api"))
                .body("errors.message", hasItem(containsString("'gateway'")));
        asOperator().queryParam("api", "gateway").contentType("application/json")
                .body("{\"name\": \"p\", \"type\": \"WasmPlugin\", \"url\": \"oci://x/y:1\"}").post("/api/v1/plugins")
                .then().statusCode(400).body("errors.field", hasItem("api"));
        asOperator().queryParam("api", "gateway").delete("/api/v1/routes/bad").then().statusCode(400)
                .body("errors.field", hasItem("api"));

        // a cluster without gateway-parent, and a console-managed one, cannot take an HTTPRoute: the whole write is
        // refused, dev included
        asOperator().queryParam("clusters", "dev,old").queryParam("api", "gateway").contentType("application/json")
                .body(route("bad")).post("/api/v1/routes").then().statusCode(400)
                .body("errors.field", hasItem("api"))
                .body("errors.message", hasItem(containsString("fleet.clusters.old.gateway-parent")));
        asOperator().queryParam("clusters", "dev,con").queryParam("api", "gateway").contentType("application/json")
                .body(route("bad")).post("/api/v1/routes").then().statusCode(400)
                .body("errors.field", hasItem("api")).body("errors.message", hasItem(containsString("Console")));

        // what an HTTPRoute cannot hold is a 400 for the gateway cluster, naming the field; the Ingress cluster waits
        String manyPaths = String.join(",", IntStream.range(0, 65).mapToObj(i -> "\"/p" + i + "\"").toList());
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json")
                .body("{\"name\": \"bad\", \"paths\": [" + manyPaths + "], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(400)
                .body("errors.field", hasItem("paths")).body("errors.message", hasItem(containsString("cluster gw")));
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json")
                .body("{\"name\": \"bad\", \"paths\": [\"/ok\", \"/a^b\", \"/100%\"], \"serviceName\": \"svc\","
                        + " \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(400)
                .body("errors.field", contains("paths[1]", "paths[2]"))
                .body("errors.message", everyItem(containsString("cluster gw")));
        String manyHosts = String.join(",", IntStream.range(0, 17).mapToObj(i -> "\"h" + i + ".example.com\"").toList());
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json")
                .body("{\"name\": \"bad\", \"domain\": [" + manyHosts + "], \"paths\": [\"/\"], \"serviceName\": \"svc\","
                        + " \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(400).body("errors.field", hasItem("domain"));
        asOperator().contentType("application/json")
                .body("{\"name\": \"bad\", \"paths\": [\"/a//b\", \"/c/..\"], \"serviceName\": \"svc\", \"servicePort\": 80}")
                .post("/api/v1/routes").then().statusCode(400).body("errors.field", hasItems("paths[0]", "paths[1]"));
        for (String c : KUBERNETES) {
            assertThat(ingress(c, "bad")).as(c).isNull();
            assertThat(httpRoute(c, "bad")).as(c).isNull();
        }

        // a PUT moving a route to a cluster that cannot hold it changes nothing
        asOperator().queryParam("clusters", "dev,old").contentType("application/json").body(route("kept"))
                .post("/api/v1/routes").then().statusCode(201);
        asOperator().queryParam("clusters", "dev,old").queryParam("api", "gateway").contentType("application/json")
                .body("{}").put("/api/v1/routes/kept").then().statusCode(400).body("errors.field", hasItem("api"));
        for (String c : List.of("dev", "old")) {
            assertThat(ingress(c, "kept")).as(c).isNotNull();
            assertThat(httpRoute(c, "kept")).as(c).isNull();
        }
    }

    @Test
    void httpRoutesWrittenOtherwiseReadAsRoutesAndExportCarriesTheForm() {
        asOperator().queryParam("clusters", "gw").contentType("application/json").body("""
                {"name": "native", "spec": {"parentRefs": [{"name": "higress-gateway"}], "hostnames": ["n.example.com"],
                 "rules": [{"matches": [{"path": {"type": "RegularExpression", "value": "/v[0-9]+"}}, {"headers":
                            [{"name": "x-canary", "value": "1"}]}],
                            "backendRefs": [{"name": "v1", "port": 80, "weight": 90}, {"name": "v2", "port": 80, "weight": 10}]},
                           {"backendRefs": [{"name": "fallback", "port": 80}]}]}}""")
                .post("/api/v1/httproutes").then().statusCode(201);
        asViewer().queryParam("clusters", "gw").get("/api/v1/routes/native").then().statusCode(200)
                .body("api", equalTo("gateway")).body("managed", equalTo(false))
                .body("domain", contains("n.example.com"))
                .body("paths", contains("/v[0-9]+", "/*"))
                .body("serviceName", equalTo("v1"));

        asOperator().queryParam("clusters", "gw").contentType("application/json").body(route("exported"))
                .post("/api/v1/routes").then().statusCode(201);
        String yaml = asViewer().queryParam("clusters", "gw").get("/api/v1/export").then().statusCode(200)
                .body(containsString("kind: HTTPRoute")).body(containsString("name: exported")).extract().asString();
        asOperator().queryParam("clusters", "old").contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(201);
        assertThat(httpRoute("old", "exported").path("spec")).isEqualTo(httpRoute("gw", "exported").path("spec"));
        asViewer().queryParam("clusters", "gw,old").get("/api/v1/routes/exported").then().statusCode(200)
                .body("api", equalTo("gateway")).body("drift", equalTo(false));
        // the exported route is one the fleet can update where there is no gateway-parent: it has its parents
        asOperator().queryParam("clusters", "old").contentType("application/json").body("{\"servicePort\": 8081}")
                .put("/api/v1/routes/exported").then().statusCode(200);
        JsonNode port = httpRoute("old", "exported").at("/spec/rules/0/backendRefs/0/port");
        assertThat(port.asInt()).isEqualTo(8081);
    }

    /** A read written back with one field edited changes that field: no route moves between forms. */
    @Test
    void aMixedFleetReadPutBackMovesNoRoute() {
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body(route("roundtrip"))
                .post("/api/v1/routes").then().statusCode(201);
        ObjectNode read = (ObjectNode) AiFleet.json(asViewer().get("/api/v1/routes/roundtrip").then().statusCode(200)
                .extract().asString());
        read.put("servicePort", 81);
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body(read.toString())
                .put("/api/v1/routes/roundtrip").then().statusCode(200)
                .body("results.kind", contains("Ingress", "HTTPRoute"))
                .body("results.status", everyItem(equalTo("updated")));
        assertThat(httpRoute("dev", "roundtrip")).as("dev keeps its Ingress").isNull();
        assertThat(ingress("dev", "roundtrip").at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt())
                .isEqualTo(81);
        assertThat(ingress("gw", "roundtrip")).as("gw keeps its HTTPRoute").isNull();
        assertThat(httpRoute("gw", "roundtrip").at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(81);
        // where every copy agrees the item says so
        asViewer().queryParam("clusters", "gw").get("/api/v1/routes/roundtrip").then().statusCode(200)
                .body("api", equalTo("gateway"));
    }

    /** Each cluster's HTTPRoute attaches to its own gateway-parent: that is no drift, whichever cluster comes first. */
    @Test
    void httpRoutesOnDifferentParentsAreNoDriftInEitherOrder() {
        asOperator().queryParam("clusters", "dev,gw").queryParam("api", "gateway").contentType("application/json")
                .body(route("parents")).post("/api/v1/routes").then().statusCode(201);
        assertThat(httpRoute("dev", "parents").at("/spec/parentRefs/0/name").asText()).isEqualTo("dev-gateway");
        assertThat(httpRoute("gw", "parents").at("/spec/parentRefs/0/name").asText()).isEqualTo("higress-gateway");
        ObjectNode other = httpRoute("dev", "parents");
        other.remove("status");
        ((ObjectNode) other.get("metadata")).retain("name", "namespace", "labels", "annotations");
        AiFleet.put("old", HTTPROUTES, other);
        for (String clusters : List.of("dev,gw", "gw,old")) {
            asViewer().queryParam("clusters", clusters).get("/api/v1/routes/parents").then().statusCode(200)
                    .body("clusters", contains(clusters.split(","))).body("drift", equalTo(false))
                    .body("api", equalTo("gateway"));
        }
        // what the route says still drifts
        ObjectNode changed = httpRoute("old", "parents");
        ((ObjectNode) changed.at("/spec/rules/0/backendRefs/0")).put("port", 9);
        AiFleet.put("old", HTTPROUTES, changed);
        asViewer().queryParam("clusters", "gw,old").get("/api/v1/routes/parents").then().statusCode(200)
                .body("drift", equalTo(true));
    }

    /** An HTTPRoute written through /api/v1/httproutes carries the fleet's label but is no route's part. */
    @Test
    void httpRoutesObjectsAreNeitherARoutesPartNorAManagedRoute() {
        String native_ = """
                {"name": "%s", "spec": {"parentRefs": [{"name": "higress-gateway"}],
                 "rules": [{"matches": [{"path": {"type": "RegularExpression", "value": "/v1+"}}],
                            "backendRefs": [{"name": "v1", "port": 80, "weight": 90}, {"name": "v2", "port": 80}]}]}}""";
        // a route held as an Ingress and an httproutes object of the same name: the route's writes leave it alone
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("both"))
                .post("/api/v1/routes").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(native_.formatted("both"))
                .post("/api/v1/httproutes").then().statusCode(201);
        JsonNode spec = httpRoute("dev", "both").path("spec");
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"servicePort\": 81}")
                .put("/api/v1/routes/both").then().statusCode(200).body("results[0].kind", equalTo("Ingress"));
        assertThat(httpRoute("dev", "both")).as("not the route's part").isNotNull();
        assertThat(httpRoute("dev", "both").path("spec")).isEqualTo(spec);
        asOperator().queryParam("clusters", "dev").delete("/api/v1/routes/both").then().statusCode(200);
        assertThat(ingress("dev", "both")).isNull();
        assertThat(httpRoute("dev", "both").path("spec")).isEqualTo(spec);

        // alone, it reads as an unmanaged route: rewriting it as one rule needs force
        asOperator().queryParam("clusters", "gw").contentType("application/json").body(native_.formatted("lone"))
                .post("/api/v1/httproutes").then().statusCode(201);
        spec = httpRoute("gw", "lone").path("spec");
        asViewer().queryParam("clusters", "gw").get("/api/v1/routes/lone").then().statusCode(200)
                .body("managed", equalTo(false));
        asOperator().queryParam("clusters", "gw").contentType("application/json").body("{\"servicePort\": 81}")
                .put("/api/v1/routes/lone").then().statusCode(409);
        assertThat(httpRoute("gw", "lone").path("spec")).isEqualTo(spec);
    }

    @Test
    void aRolloutWritesEachClusterInItsRoutesApi() {
        String id = asOperator().contentType("application/json").body("{\"strategy\": \"canary\", "
                + "\"canaryOrder\": [\"dev\", \"gw\"], \"clusters\": [\"dev\", \"gw\"], \"waitTime\": \"100ms\", "
                + "\"routes\": [" + route("rolled") + ", "
                + route("rolled-gw").replace("\"name\"", "\"api\": \"gateway\", \"name\"") + "]}")
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        var done = awaitRollout(id, j -> List.of("succeeded", "failed", "rolled-back").contains(j.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(ingress("dev", "rolled")).isNotNull();
        assertThat(httpRoute("gw", "rolled").at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(8080);
        assertThat(ingress("gw", "rolled")).isNull();
        for (String c : List.of("dev", "gw")) {
            assertThat(httpRoute(c, "rolled-gw")).as(c + ": the entry's api").isNotNull();
            assertThat(ingress(c, "rolled-gw")).as(c).isNull();
        }
    }

    /** The audit records each cluster's write as the cluster holds it. */
    @Test
    void theAuditNamesTheFormEachClusterWrote() {
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body(route("audited"))
                .post("/api/v1/routes").then().statusCode(201);
        // the audit is written after the answer: wait for both clusters' entries
        List<java.util.Map<String, Object>> writes = Poll.until(() -> {
            List<java.util.Map<String, Object>> items = io.higress.fleet.sim.FleetApi.asAdmin()
                    .queryParam("action", "POST /api/v1/routes").queryParam("limit", 1000).get("/api/v1/audit").then()
                    .statusCode(200).extract().jsonPath().getList("items");
            return items.stream().flatMap(i -> ((List<java.util.Map<String, Object>>) i.getOrDefault("writes",
                    List.of())).stream()).filter(w -> "audited".equals(w.get("name"))).toList();
        }, w -> w.size() >= 2);
        assertThat(writes).extracting(w -> w.get("cluster") + " " + w.get("kind") + " " + w.get("outcome"))
                .containsExactlyInAnyOrder("dev Ingress created", "gw HTTPRoute created");
    }

    /** The API server answers 404 for HTTPRoutes: the Gateway API's CRDs are not installed there. */
    @Test
    void aClusterWithoutTheGatewayApiListsItsIngressRoutes() {
        asOperator().queryParam("clusters", "old").contentType("application/json").body(route("plain"))
                .post("/api/v1/routes").then().statusCode(201);
        // an HTTPRoute the list shows while the type is served, and cannot once it is not: the fault is in effect
        ObjectNode imported = (ObjectNode) AiFleet.json("""
                {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "metadata": {"name": "imported", "namespace": "higress-system"},
                 "spec": {"parentRefs": [{"name": "gw"}], "rules": [{"backendRefs": [{"name": "s", "port": 80}]}]}}""");
        AiFleet.put("old", HTTPROUTES, imported);
        asViewer().queryParam("clusters", "old").get("/api/v1/routes").then().statusCode(200)
                .body("items.name", hasItems("plain", "imported"));
        long faulted = SimulatedFleetResource.fleet().kubernetesFaulted("old");
        SimulatedFleetResource.fleet().setKubernetesFault("old", ApiFault.status("GET", 404)
                .onPath("/apis/gateway.networking.k8s.io/v1/namespaces/higress-system/httproutes"));
        try {
            asViewer().queryParam("clusters", "old").get("/api/v1/routes").then().statusCode(200)
                    .body("errors", org.hamcrest.Matchers.empty())
                    .body("items.name", org.hamcrest.Matchers.not(hasItem("imported")))
                    .body("items.find { it.name == 'plain' }.api", equalTo("ingress"));
            asViewer().queryParam("clusters", "old").get("/api/v1/routes/plain").then().statusCode(200)
                    .body("api", equalTo("ingress"));
            assertThat(SimulatedFleetResource.fleet().kubernetesFaulted("old")).as("HTTPRoute reads answered 404")
                    .isGreaterThanOrEqualTo(faulted + 2);
        } finally {
            SimulatedFleetResource.fleet().setKubernetesFault("old", ApiFault.NONE);
        }
    }

    static final String INGRESS_PATH = "/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses";
    static final String HTTPROUTE_PATH = "/apis/gateway.networking.k8s.io/v1/namespaces/higress-system/httproutes";

    /**
     * A move writes the new object first, then deletes the old one; when the delete fails the cluster's result is
     * partial (what exists now, retry the same PUT) and the same PUT finishes the move. Both directions.
     */
    @Test
    void aMoveWhoseDeleteFailsIsPartialAndTheSamePutFinishesIt() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("half"))
                .post("/api/v1/routes").then().statusCode(201);
        SimulatedFleetResource.fleet().setKubernetesFault("dev", ApiFault.status("DELETE", 403).onPath(INGRESS_PATH));
        try {
            asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").contentType("application/json")
                    .body("{\"servicePort\": 81}").put("/api/v1/routes/half").then().statusCode(207)
                    .body("results[0].status", equalTo("partial")).body("results[0].kind", equalTo("HTTPRoute"))
                    .body("results[0].error.detail", containsString("created HTTPRoute higress-system/half"))
                    .body("results[0].error.detail", containsString("not done: delete Ingress higress-system/half"))
                    .body("results[0].error.hint", containsString("retry the same request"))
                    .body("results[0].changes.path", hasItem("/spec"))
                    .body("summary.partial", equalTo(1)).body("summary.succeeded", equalTo(0))
                    .body("summary.failed", equalTo(0));
        } finally {
            SimulatedFleetResource.fleet().setKubernetesFault("dev", ApiFault.NONE);
        }
        assertThat(ingress("dev", "half")).as("not deleted").isNotNull();
        assertThat(httpRoute("dev", "half").at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(81);
        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").contentType("application/json")
                .body("{\"servicePort\": 81}").put("/api/v1/routes/half").then().statusCode(200)
                .body("results[0].status", equalTo("updated")).body("results[0].kind", equalTo("HTTPRoute"))
                .body("results[0].changes.path", hasItem("/half/spec")); // the Ingress deleted (one of two parts)
        assertThat(ingress("dev", "half")).as("the retry deleted it").isNull();
        assertThat(httpRoute("dev", "half").at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(81);
        asViewer().queryParam("clusters", "dev").get("/api/v1/routes/half").then().statusCode(200)
                .body("api", equalTo("gateway")).body("servicePort", equalTo(81)).body("managed", equalTo(true));

        // back: the Ingress written, the HTTPRoute's delete refused
        SimulatedFleetResource.fleet().setKubernetesFault("dev", ApiFault.status("DELETE", 403)
                .onPath(HTTPROUTE_PATH));
        try {
            asOperator().queryParam("clusters", "dev").queryParam("api", "ingress").contentType("application/json")
                    .body("{}").put("/api/v1/routes/half").then().statusCode(207)
                    .body("results[0].status", equalTo("partial")).body("results[0].kind", equalTo("Ingress"))
                    .body("results[0].error.detail", containsString("created Ingress higress-system/half"))
                    .body("results[0].error.detail", containsString("not done: delete HTTPRoute higress-system/half"));
        } finally {
            SimulatedFleetResource.fleet().setKubernetesFault("dev", ApiFault.NONE);
        }
        assertThat(httpRoute("dev", "half")).isNotNull();
        assertThat(ingress("dev", "half").at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt())
                .isEqualTo(81);
        asOperator().queryParam("clusters", "dev").queryParam("api", "ingress").contentType("application/json")
                .body("{}").put("/api/v1/routes/half").then().statusCode(200)
                .body("results[0].status", equalTo("updated")).body("results[0].kind", equalTo("Ingress"));
        assertThat(httpRoute("dev", "half")).isNull();
        assertThat(ingress("dev", "half")).isNotNull();
    }

    static ObjectNode foreignIngress(String name) {
        return (ObjectNode) AiFleet.json("""
                {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                 "metadata": {"name": "%s", "namespace": "higress-system",
                              "labels": {"app.kubernetes.io/managed-by": "helm"}},
                 "spec": {"ingressClassName": "higress", "rules": [{"http": {"paths": [{"path": "/legacy",
                   "pathType": "Prefix", "backend": {"service": {"name": "legacy", "port": {"number": 80}}}}]}}]}}"""
                .formatted(name));
    }

    /**
     * Another's object of the route's name in the other API: no part of the route (writes leave it alone); a write
     * that would put the route there is a 409 naming it, and force takes it over. The same in both APIs.
     */
    @Test
    void anotherOwnersObjectOfTheRoutesNameIsLeftAloneRefusedAndTakenOverWithForce() {
        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").contentType("application/json")
                .body(route("clash")).post("/api/v1/routes").then().statusCode(201);
        AiFleet.put("dev", INGRESSES, foreignIngress("clash"));
        JsonNode theirs = ingress("dev", "clash").path("spec");
        asViewer().queryParam("clusters", "dev").get("/api/v1/routes/clash").then().statusCode(200)
                .body("managed", equalTo(true)).body("api", equalTo("gateway")).body("paths", hasItem("/api/*"));
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("{\"servicePort\": 81}")
                .put("/api/v1/routes/clash").then().statusCode(200)
                .body("results[0].kind", equalTo("HTTPRoute")).body("results[0].status", equalTo("updated"));
        assertThat(ingress("dev", "clash").path("spec")).as("theirs, untouched").isEqualTo(theirs);
        asOperator().queryParam("clusters", "dev").queryParam("api", "ingress").contentType("application/json")
                .body("{}").put("/api/v1/routes/clash").then().statusCode(409)
                .body("detail", containsString("Ingress higress-system/clash"))
                .body("detail", containsString("managed by helm"))
                .body("hint", containsString("force=true"));
        assertThat(ingress("dev", "clash").path("spec")).isEqualTo(theirs);
        assertThat(httpRoute("dev", "clash")).isNotNull();
        asOperator().queryParam("clusters", "dev").queryParam("api", "ingress").queryParam("force", "true")
                .contentType("application/json").body("{}").put("/api/v1/routes/clash").then().statusCode(200)
                .body("results[0].kind", equalTo("Ingress")).body("results[0].status", equalTo("updated"));
        ObjectNode taken = ingress("dev", "clash");
        assertThat(taken.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("higress-fleet");
        assertThat(taken.at("/spec/rules/0/http/paths/0/backend/service/port/number").asInt()).isEqualTo(81);
        assertThat(httpRoute("dev", "clash")).as("moved out").isNull();

        // the other way: a route in an Ingress, an HTTPRoute of /api/v1/httproutes of the same name
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                {"name": "clash", "spec": {"parentRefs": [{"name": "theirs"}],
                 "rules": [{"backendRefs": [{"name": "other", "port": 80}]}]}}""")
                .post("/api/v1/httproutes").then().statusCode(201);
        JsonNode native_ = httpRoute("dev", "clash").path("spec");
        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").contentType("application/json")
                .body("{}").put("/api/v1/routes/clash").then().statusCode(409)
                .body("detail", containsString("HTTPRoute higress-system/clash"))
                .body("detail", containsString("not written as this kind")).body("hint", containsString("force=true"));
        assertThat(httpRoute("dev", "clash").path("spec")).isEqualTo(native_);
        assertThat(ingress("dev", "clash")).isNotNull();
        asOperator().queryParam("clusters", "dev").queryParam("api", "gateway").queryParam("force", "true")
                .contentType("application/json").body("{}").put("/api/v1/routes/clash").then().statusCode(200)
                .body("results[0].kind", equalTo("HTTPRoute"));
        ObjectNode h = httpRoute("dev", "clash");
        assertThat(h.at("/metadata/annotations/higress-fleet.io~1form").asText()).isEqualTo("route");
        assertThat(h.at("/spec/parentRefs/0/name").asText()).as("its parents kept").isEqualTo("theirs");
        assertThat(h.at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(81);
        assertThat(ingress("dev", "clash")).isNull();

        // a DELETE of the route leaves another's Ingress of its name
        AiFleet.put("dev", INGRESSES, foreignIngress("clash"));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/routes/clash").then().statusCode(200)
                .body("results[0].kind", equalTo("HTTPRoute"));
        assertThat(httpRoute("dev", "clash")).isNull();
        assertThat(ingress("dev", "clash")).isNotNull();
    }

    /** Results name each cluster's form for deletes and failures too. */
    @Test
    void resultsOfDeletesAndFailuresNameTheClustersForm() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("only-dev"))
                .post("/api/v1/routes").then().statusCode(201);
        asOperator().queryParam("clusters", "dev,gw").delete("/api/v1/routes/only-dev").then().statusCode(207)
                .body("results.cluster", contains("dev", "gw"))
                .body("results.kind", contains("Ingress", "HTTPRoute"))
                .body("results.status", contains("deleted", "error"))
                .body("results[1].error.status", equalTo(404));
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body(route("both-forms"))
                .post("/api/v1/routes").then().statusCode(201);
        SimulatedFleetResource.fleet().setKubernetesFault("gw", ApiFault.status("DELETE", 403).onPath(HTTPROUTE_PATH));
        try {
            asOperator().queryParam("clusters", "dev,gw").delete("/api/v1/routes/both-forms").then().statusCode(207)
                    .body("results.kind", contains("Ingress", "HTTPRoute"))
                    .body("results.status", contains("deleted", "error"));
        } finally {
            SimulatedFleetResource.fleet().setKubernetesFault("gw", ApiFault.NONE);
        }
        // refused before anything is sent (another's HTTPRoute in gw): still the cluster's form
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(route("mix"))
                .post("/api/v1/routes").then().statusCode(201);
        AiFleet.put("gw", HTTPROUTES, AiFleet.json("""
                {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "metadata": {"name": "mix", "namespace": "higress-system"},
                 "spec": {"parentRefs": [{"name": "gw"}], "rules": [{"backendRefs": [{"name": "s", "port": 80}]}]}}"""));
        asOperator().queryParam("clusters", "dev,gw").contentType("application/json").body("{\"servicePort\": 82}")
                .put("/api/v1/routes/mix").then().statusCode(207)
                .body("results.kind", contains("Ingress", "HTTPRoute"))
                .body("results.status", contains("updated", "error"))
                .body("results[1].error.status", equalTo(409));
    }
}
