package io.higress.fleet.openapi;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.InjectSimulatedFleet;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Keeps /q/openapi true: calls every documented operation against the simulated fleet (its successes and the
 * problems one can provoke: 400, 401, 403, 404, 409, 413, 415, 429, 502, and 201/202/207) and holds each real answer
 * to the description ({@link ApiContract}): an undocumented status, media type or header, or a body that does not
 * match its schema fails. The last test fails for any operation no test called, so a new endpoint or kind is covered
 * or this test says so; the kinds' operations are called from the registry, with no code per kind.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {

    static ApiContract api;

    @InjectSimulatedFleet
    SimulatedFleet fleet;

    static ApiContract api() {
        if (api == null) {
            api = new ApiContract(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        }
        return api;
    }

    static Response call(RequestSpecification request, String method, String path) {
        return api().check(method, path, request.request(method, path));
    }

    static Response call(RequestSpecification request, String method, String path, int expected) {
        Response answer = call(request, method, path);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.asString()).isEqualTo(expected);
        return answer;
    }

    static RequestSpecification json(RequestSpecification request, Object body) {
        return request.contentType("application/json").body(body.toString());
    }

    static RequestSpecification yaml(RequestSpecification request, String body) {
        return request.contentType("application/yaml").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void theDescriptionIsCompleteAndItsExamplesAreValid() {
        JsonNode doc = api().document;
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        Set<String> internal = Set.of("HttpServerRequest", "RoutingContext", "JsonNode", "JsonNodeType", "MediaType",
                "OutboundSseEvent", "UriInfo", "Response", "Multi", "Uni", "Sse", "Object");
        assertThat(new TreeSet<String>(iterable(doc.get("components").get("schemas").fieldNames())))
                .as("no internal type is a schema").noneMatch(internal::contains)
                .allMatch(name -> name.matches("[A-Z][A-Za-z0-9]*"));
        assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asText())
                .isEqualTo("bearer");
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            String where = m.getKey() + " " + p.getKey();
            JsonNode op = m.getValue();
            assertThat(op.has("operationId")).as(where).isTrue();
            op.path("parameters").forEach(param -> assertThat(param.has("schema")).as(where + " " + param).isTrue());
            boolean login = p.getKey().equals("/api/v1/user/login") || p.getKey().startsWith("/api/v1/user/sso/");
            assertThat(op.get("security").isEmpty()).as(where + ": anonymous only for the login").isEqualTo(login);
            op.path("requestBody").path("content").fields().forEachRemaining(c -> {
                String schema = "/paths/" + ApiContract.escape(p.getKey()) + "/" + m.getKey() + "/requestBody/content/"
                        + ApiContract.escape(c.getKey()) + "/schema";
                if (c.getValue().has("example")) {
                    api().validate(where + " example", c.getValue().get("example"), schema);
                }
                c.getValue().path("examples").forEach(e -> api().validate(where + " example", e.get("value"), schema));
            });
        }));
        for (Kind<?> kind : Kinds.ALL) {
            assertThat(doc.get("paths").has(kind.names().path())).as(kind.names().plural()).isTrue();
            kind.actions().keySet().forEach(action -> assertThat(doc.get("paths")
                    .has(kind.names().path() + "/{name}/" + action)).as(action).isTrue());
        }
        // a kind's write option (routes' api) is listed on that kind's POST and PUT only
        java.util.function.BiFunction<String, String, List<String>> parameters = (path, method) -> {
            List<String> names = new java.util.ArrayList<>();
            doc.get("paths").get(path).get(method).path("parameters").forEach(q -> names.add(q.get("name").asText()));
            return names;
        };
        assertThat(parameters.apply("/api/v1/routes", "post")).contains("api", "dryRun");
        assertThat(parameters.apply("/api/v1/routes/{name}", "put")).contains("api");
        assertThat(parameters.apply("/api/v1/routes/{name}", "delete")).doesNotContain("api").contains("dryRun");
        assertThat(parameters.apply("/api/v1/plugins", "post")).doesNotContain("api").contains("dryRun");
        assertThat(parameters.apply("/api/v1/manifests", "post")).doesNotContain("api");
        assertThat(doc.at("/components/schemas/RouteSpec/properties/api/enum").toString())
                .isEqualTo("[\"ingress\",\"gateway\"]");
        assertThat(api().operations()).containsKeys("createRoute", "listRoutes", "getRoute", "updateRoute",
                "deleteRoute", "createPlugin", "enablePlugin", "disablePlugin", "createMcpBridge", "getFleetConfigDump",
                "login", "createRollout", "applyManifests", "exportManifests");
    }

    @Test
    @Order(2)
    void login() {
        JsonNode example = api().at("/paths/~1api~1v1~1user~1login/post/requestBody/content/application~1json"
                + "/examples/brief/value");
        String token = call(json(RestAssured.given(), example), "POST", "/api/v1/user/login", 200).path("data.token");
        call(RestAssured.given().auth().oauth2(token), "GET", "/api/v1/user/me", 200);
        call(json(RestAssured.given(), "{\"username\": \"admin\", \"password\": \"wrong\"}"), "POST",
                "/api/v1/user/login", 401);
        call(json(RestAssured.given(), "{}"), "POST", "/api/v1/user/login", 400);
        call(RestAssured.given().contentType("text/plain").body("admin"), "POST", "/api/v1/user/login", 415);
        call(RestAssured.given(), "GET", "/api/v1/user/me", 401);
        call(RestAssured.given().auth().oauth2("not-a-token"), "GET", "/api/v1/clusters", 401);
        // single sign-on is not configured here (OidcLoginTest runs it against a provider)
        call(RestAssured.given().redirects().follow(false), "GET", "/api/v1/user/sso/login", 404);
        call(RestAssured.given(), "GET", "/api/v1/user/sso/callback?code=c&state=s", 404);
    }

    @Test
    @Order(3)
    void clustersUpstreamsAndAudit() {
        call(asViewer(), "GET", "/api/v1/clusters", 200);
        call(asViewer(), "GET", "/api/v1/clusters?selector=env=dev", 200);
        call(asViewer(), "GET", "/api/v1/clusters?clusters=nope", 404);
        call(asViewer(), "GET", "/api/v1/clusters?cluster=dev", 400);
        call(asViewer(), "GET", "/api/v1/clusters/dev", 200);
        call(asViewer(), "GET", "/api/v1/clusters/nope", 404);
        call(asViewer(), "GET", "/api/v1/clusters/x_y", 400);
        call(asViewer(), "GET", "/api/v1/clusters/dev/gateways", 200);
        call(asViewer(), "GET", "/api/v1/clusters/nope/gateways", 404);
        // registering at runtime: this fleet has no home cluster (405); the fleet file's clusters are read-only
        String edge = "{\"name\": \"edge\", \"gateways\": {\"admin-mode\": \"direct\", \"direct\": "
                + "{\"edge-gw-1\": \"http://127.0.0.1:1\"}}}";
        call(json(asOperator(), edge), "POST", "/api/v1/clusters", 403);
        call(json(asAdmin(), edge), "POST", "/api/v1/clusters", 405);
        call(json(asAdmin(), "{\"name\": \"Edge\", \"gateways\": {\"admin-mode\": \"sideways\"}}"), "POST",
                "/api/v1/clusters", 400);
        call(json(asAdmin(), edge.replace("\"edge\"", "\"dev\"")), "POST", "/api/v1/clusters", 409);
        call(json(asAdmin(), "{\"resourceVersion\": \"1\"}"), "PUT", "/api/v1/clusters/dev", 409);
        call(json(asAdmin(), "{\"resourceVersion\": \"1\", \"gateways\": {\"admin-mode\": \"direct\", "
                + "\"direct\": {\"x\": \"http://127.0.0.1:1\"}}}"), "PUT", "/api/v1/clusters/nope", 405);
        call(asAdmin(), "DELETE", "/api/v1/clusters/dev", 409);
        call(asAdmin(), "DELETE", "/api/v1/clusters/nope", 405);
        call(asOperator(), "DELETE", "/api/v1/clusters/nope", 403);
        call(asViewer(), "GET", "/api/v1/fleet/ready", 200); // some upstreams to list
        call(asViewer(), "GET", "/api/v1/upstreams", 200);
        call(asViewer(), "GET", "/api/v1/upstreams?kind=envoy-admin&cluster=dev", 200);
        call(asAdmin(), "GET", "/api/v1/audit?limit=5", 200);
        call(asAdmin(), "GET", "/api/v1/audit?limit=0", 400);
        call(asViewer(), "GET", "/api/v1/audit", 403);
    }

    @Test
    @Order(4)
    void fleetReadsInEveryFraming() {
        List<String> endpoints = new ArrayList<>();
        api().operations().forEach((id, op) -> {
            if (op.startsWith("GET /api/v1/fleet/")) {
                endpoints.add(op.substring(4));
            }
        });
        assertThat(endpoints).contains("/api/v1/fleet/config_dump", "/api/v1/fleet/ready",
                "/api/v1/fleet/stats/prometheus", "/api/v1/fleet/health", "/api/v1/fleet/consistency");
        for (String path : endpoints) {
            call(asViewer(), "GET", path, 200);
            call(asViewer(), "GET", path + "?clusters=nope", 404);
            call(asViewer(), "GET", path + "?bogus=1", 400);
        }
        call(asAdmin(), "GET", "/api/v1/fleet/config_dump?resource=dynamic_active_clusters", 200);
        call(asViewer(), "GET", "/api/v1/fleet/config_dump?partial=abort", 400);
        call(asViewer(), "GET", "/api/v1/fleet/stats?filter=^server\\.&type=Counters", 200);
        call(asViewer(), "GET", "/api/v1/fleet/routes?host=httpbin.example.com&path=/get", 200);
        call(asViewer().accept("text/plain"), "GET", "/api/v1/fleet/routes", 200);
        call(asViewer().accept(FleetPaths.NDJSON), "GET", "/api/v1/fleet/routes", 200);
        call(asViewer(), "GET", "/api/v1/fleet/routes?path=v1", 400);
        for (String accept : List.of(FleetPaths.NDJSON, FleetPaths.SSE)) {
            for (String path : List.of("/api/v1/fleet/ready", "/api/v1/fleet/config_dump", "/api/v1/fleet/stats")) {
                Response r = call(asViewer().accept(accept), "GET", path, 200);
                assertThat(r.contentType()).startsWith(accept);
            }
        }
        // what a generated client sends: every type the operation produces, JSON first
        Response listed = call(asViewer().accept("application/json, application/x-ndjson, text/event-stream"), "GET",
                "/api/v1/fleet/ready", 200);
        assertThat(listed.contentType()).startsWith("application/json");
        call(asOperator(), "POST", "/api/v1/fleet/logging?level=info", 200);
        call(asOperator(), "POST", "/api/v1/fleet/logging?level=loud", 400);
        call(asViewer(), "POST", "/api/v1/fleet/logging?level=info", 403);
    }

    @Test
    @Order(5)
    void failingGatewaysAreDocumentedAnswers() {
        // prod's last gateway: the other tests read dev's, and roll out to dev only once its breaker may be open
        List<String> gateways = fleet.gatewayNames("prod");
        String gateway = gateways.get(gateways.size() - 1);
        fleet.gateway("prod", gateway).setFault(Fault.builder().path("/server_info").status(500).build());
        try {
            call(asAdmin(), "GET", "/api/v1/clusters/prod/gateways/" + gateway + "/admin/server_info", 500);
            Response partial = call(asViewer(), "GET", "/api/v1/fleet/server_info", 200);
            assertThat(partial.header("X-Fleet-Partial")).isEqualTo("true");
            // the retried 500s may have opened the gateway's breaker: then 503
            assertThat(call(asViewer(), "GET", "/api/v1/fleet/server_info?partial=abort").statusCode())
                    .isIn(502, 503);
        } finally {
            fleet.gateway("prod", gateway).clearFault();
        }
    }

    @Test
    @Order(6)
    void oneGatewaysAdminRaw() {
        String base = "/api/v1/clusters/dev/gateways/" + fleet.gatewayNames("dev").get(0) + "/admin/";
        api().operations().forEach((id, op) -> {
            String prefix = op.substring(0, op.indexOf(' ') + 1) + "/api/v1/clusters/{cluster}/gateways/{gateway}/admin/";
            if (op.startsWith(prefix)) {
                String method = op.substring(0, op.indexOf(' '));
                String path = base + op.substring(prefix.length());
                Response r = call(method.equals("GET") ? asViewer() : asAdmin(), method, path);
                if (method.equals("POST")) {
                    assertThat(r.statusCode()).as(op + ": disabled by default").isEqualTo(403);
                }
            }
        });
        call(asViewer(), "GET", base + "stats?usedonly&type=Gauges", 200);
        call(asViewer(), "GET", base + "server_info?bogus", 400);
        call(asViewer(), "GET", "/api/v1/clusters/dev/gateways/nope/admin/ready", 404);
        call(asOperator(), "POST", base + "healthcheck/fail", 403);
    }

    @Test
    @Order(7)
    void theBriefsSequenceAndTheWriteAnswers() {
        JsonNode route = example("/api/v1/routes", "post");
        JsonNode plugin = example("/api/v1/plugins", "post");
        JsonNode bridge = example("/api/v1/mcp-bridges", "post");
        call(json(asOperator(), route), "POST", "/api/v1/routes?dryRun=true", 200);
        call(json(asOperator(), route), "POST", "/api/v1/routes", 201);
        call(json(asOperator(), route), "POST", "/api/v1/routes", 409);
        call(asViewer(), "GET", "/api/v1/routes", 200);
        call(asViewer(), "GET", "/api/v1/routes/example-route", 200);
        call(json(asOperator(), example("/api/v1/routes/{name}", "put")), "PUT", "/api/v1/routes/example-route", 200);
        call(json(asOperator(), route), "POST", "/api/v1/routes", 409);
        call(asOperator(), "DELETE", "/api/v1/routes/example-route", 200);
        // those writes left revisions: the newest is the delete, whose restore plans to create the route again
        String revision = call(asViewer(), "GET", "/api/v1/revisions?kind=routes&name=example-route&cluster=dev", 200)
                .path("items[0].id");
        call(asViewer(), "GET", "/api/v1/revisions/" + revision, 200);
        call(asOperator(), "POST", "/api/v1/revisions/" + revision + "/restore?dryRun=true", 200);
        call(asViewer(), "GET", "/api/v1/revisions/no-such-revision", 404);
        call(asOperator(), "POST", "/api/v1/revisions/no-such-revision/restore", 404);
        call(asViewer(), "GET", "/api/v1/revisions?since=yesterday", 400);

        call(json(asOperator(), plugin), "POST", "/api/v1/plugins", 201);
        call(asOperator(), "POST", "/api/v1/plugins/ai-proxy/enable", 200);
        call(asOperator(), "POST", "/api/v1/plugins/ai-proxy/disable", 200);
        call(asViewer(), "GET", "/api/v1/plugins/ai-proxy", 200); // redacted for a viewer: still the schema
        call(json(asOperator(), bridge), "POST", "/api/v1/mcp-bridges", 201);
        call(asViewer(), "GET", "/api/v1/mcp-bridges", 200);

        // 207: created where absent, 409 where it exists
        String partial = "{\"name\":\"partial-route\",\"paths\":[\"/\"],\"serviceName\":\"svc\",\"servicePort\":80}";
        call(json(asOperator(), partial), "POST", "/api/v1/routes?clusters=dev", 201);
        Response mixed = call(json(asOperator(), partial), "POST", "/api/v1/routes", 207);
        assertThat(mixed.jsonPath().getList("results.status")).contains("created", "error");
        call(json(asOperator(), "{\"name\":\"Not_A_Name\"}"), "POST", "/api/v1/routes", 400);
        call(json(asViewer(), partial), "POST", "/api/v1/routes", 403);
        call(asOperator().contentType("text/plain").body(partial), "POST", "/api/v1/routes", 415);
        call(json(asOperator(), "{\"name\":\"big\",\"serviceName\":\"" + "x".repeat(1_100_000) + "\"}"), "POST",
                "/api/v1/routes", 413);
        call(json(asOperator(), partial), "POST", "/api/v1/routes?clusters=nope", 404);
        call(json(asOperator(), partial), "POST", "/api/v1/routes?cluster=dev", 400);
    }

    @Test
    @Order(8)
    void everyKindOfTheRegistryAnswersAsDocumented() {
        for (Kind<?> kind : Kinds.ALL) {
            String path = kind.names().path();
            call(asViewer(), "GET", path, 200);
            call(asViewer(), "GET", path + "?namespace=Bad_NS", 400);
            call(asViewer(), "GET", path + "/absent-object", 404);
            call(json(asOperator(), "{}"), "POST", path, 400);
            call(json(asOperator(), "{}"), "PUT", path + "/absent-object", 404);
            call(asOperator(), "DELETE", path + "/absent-object", 404);
            call(asViewer(), "DELETE", path + "/absent-object", 403);
            for (String action : kind.actions().keySet()) {
                call(asOperator(), "POST", path + "/absent-object/" + action, 404);
            }
        }
    }

    /** A kind's own sub-resource: an MCP server's allow list. */
    @Test
    @Order(8)
    void anMcpServersAllowListAnswersAsDocumented() {
        String path = "/api/v1/mcp-servers/absent-object/consumers";
        call(asViewer(), "GET", path, 404);
        call(json(asOperator(), "{\"consumers\": [\"alice\"]}"), "POST", path, 404);
        call(json(asOperator(), "{\"consumers\": [\"alice\"]}"), "DELETE", path, 404);
        call(json(asOperator(), "{\"consumers\": []}"), "POST", path, 400);
        call(json(asViewer(), "{\"consumers\": [\"alice\"]}"), "DELETE", path, 403);
    }

    @Test
    @Order(9)
    void exportAndManifests() {
        String yaml = call(asViewer(), "GET", "/api/v1/export?clusters=dev", 200).asString();
        assertThat(yaml).contains("kind: WasmPlugin");
        call(asAdmin(), "GET", "/api/v1/export?clusters=nope", 404);
        String admins = call(asAdmin(), "GET", "/api/v1/export?clusters=dev", 200).asString();
        call(yaml(asOperator(), admins), "POST", "/api/v1/manifests?clusters=dev", 200);
        call(yaml(asOperator(), admins), "POST", "/api/v1/manifests?clusters=test,prod&dryRun=true", 200);
        String ingress = """
                {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                 "metadata": {"name": "manifest-route"},
                 "spec": {"ingressClassName": "higress", "rules": [{"http": {"paths": [{"path": "/m",
                   "pathType": "Prefix", "backend": {"service": {"name": "svc", "port": {"number": 80}}}}]}}]}}""";
        call(json(asOperator(), "[" + ingress + "]"), "POST", "/api/v1/manifests", 201);
        call(json(asOperator(), ingress), "POST", "/api/v1/manifests", 200);
        call(yaml(asOperator(), "kind: Nothing\n"), "POST", "/api/v1/manifests", 400);
    }

    @Test
    @Order(9)
    void desiredStatesAnswerAsDocumented() {
        String set = """
                {"clusters": ["dev", "test"], "manifests": "apiVersion: networking.k8s.io/v1\\nkind: Ingress\\n\
                metadata:\\n  name: desired-route\\nspec:\\n  ingressClassName: higress\\n"}""";
        call(json(asOperator(), set), "PUT", "/api/v1/desired-states/contract", 201);
        call(json(asOperator(), set), "PUT", "/api/v1/desired-states/contract", 200);
        call(json(asOperator(), "{\"manifests\": \"kind: Nothing\\n\"}"), "PUT", "/api/v1/desired-states/bad", 400);
        call(asViewer(), "GET", "/api/v1/desired-states", 200);
        call(asViewer(), "GET", "/api/v1/desired-states/contract", 200);
        call(asViewer(), "GET", "/api/v1/desired-states/nope", 404);
        call(asViewer(), "GET", "/api/v1/desired-states/contract/diff", 200);
        call(asViewer(), "GET", "/api/v1/desired-states/contract/status", 200);
        // prune=false: the other tests' objects in this namespace are the facade's too
        call(asOperator(), "POST", "/api/v1/desired-states/contract/sync?prune=false", 201);
        call(asViewer(), "POST", "/api/v1/desired-states/contract/sync", 403);
        call(json(asOperator(), "{}"), "POST", "/api/v1/desired-states/contract/sync?prune=false&dryRun=true", 200);
        call(json(asOperator(), "{\"waitTime\": \"soon\"}"), "POST",
                "/api/v1/desired-states/contract/sync?strategy=all", 400);
        call(json(asOperator(), "{\"waitTime\": \"0s\"}"), "POST",
                "/api/v1/desired-states/contract/sync?strategy=all&dryRun=true", 200);
        String rollout = call(json(asOperator(), "{\"waitTime\": \"0s\"}"), "POST",
                "/api/v1/desired-states/contract/sync?strategy=all", 202).jsonPath().getString("id");
        // ended before the next tests write: a running rollout holds its objects
        io.higress.fleet.sim.Poll.until(() -> asViewer().get("/api/v1/rollouts/" + rollout).then().statusCode(200)
                .extract().<String>path("state"), s -> !"pending".equals(s) && !"running".equals(s));
        call(asOperator(), "DELETE", "/api/v1/desired-states/contract", 204);
    }

    @Test
    @Order(10)
    void rolloutsFromStartToEnd() {
        String body = """
                {"strategy": "canary", "canaryOrder": ["dev", "test"], "waitTime": "1h",
                 "routes": [{"name": "rolled", "domain": ["rolled.example.com"], "paths": ["/*"],
                             "serviceName": "svc", "servicePort": 8080}]}""";
        Response started = call(json(asOperator(), body), "POST", "/api/v1/rollouts", 202);
        String id = started.path("id");
        call(json(asOperator(), body), "POST", "/api/v1/rollouts", 409); // the same objects are held
        String one = "/api/v1/rollouts/" + id;
        await(one, r -> "baking".equals(r.path("waves[0].clusters[0].state")));
        call(asOperator(), "POST", one + "/pause", 200);
        call(asOperator(), "POST", one + "/pause", 409);
        call(asOperator(), "POST", one + "/resume", 200);
        call(asOperator(), "POST", one + "/promote", 200);
        call(asViewer(), "POST", one + "/promote", 403);
        call(asOperator(), "POST", one + "/cancel", 200);
        await(one, r -> Set.of("cancelled", "succeeded", "failed", "rolled-back").contains(r.path("state")));
        call(asOperator(), "POST", one + "/resume", 409);
        Response events = call(asViewer().accept("text/event-stream"), "GET", one + "/events", 200);
        assertThat(ApiContract.events(events.asString())).isNotEmpty();
        call(asViewer(), "GET", "/api/v1/rollouts", 200);

        String all = """
                {"strategy": "all", "clusters": ["dev"], "waitTime": "0s", "plugins": [{"name": "rolled-plugin", "url": "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/p:1",
                 "config": {"k": "v"}}]}""";
        String second = "/api/v1/rollouts/" + call(json(asOperator(), all), "POST", "/api/v1/rollouts", 202)
                .path("id");
        await(second, r -> "succeeded".equals(r.path("state")));

        String gated = """
                {"strategy": "canary", "waves": [["dev"], ["test"]], "waitTime": "0s", "confirmPromotion": true,
                 "routes": [{"name": "rolled-approved", "domain": ["approved.example.com"], "paths": ["/*"],
                             "serviceName": "svc", "servicePort": 8080}]}""";
        String third = "/api/v1/rollouts/" + call(json(asOperator(), gated), "POST", "/api/v1/rollouts", 202)
                .path("id");
        await(third, r -> r.path("waiting") != null);
        call(asOperator(), "POST", third + "/approve", 403); // the creator
        call(asAdmin(), "POST", third + "/approve", 200);
        call(asAdmin(), "POST", one + "/approve", 409); // nothing waits
        await(third, r -> "succeeded".equals(r.path("state")));
        call(asViewer(), "GET", "/api/v1/rollouts/nope", 404);
        call(json(asOperator(), "{\"strategy\": \"sometimes\"}"), "POST", "/api/v1/rollouts", 400);
        call(json(asOperator(), "{\"strategy\": \"all\", \"clusters\": [\"nope\"], \"routes\": [{\"name\": \"x\", "
                + "\"paths\": [\"/\"], \"serviceName\": \"s\", \"servicePort\": 1}]}"), "POST", "/api/v1/rollouts", 404);
    }

    /** A method a documented path does not list: 405 as a problem (the description's info says so). */
    @Test
    @Order(11)
    void anUndocumentedMethodIs405() {
        for (String path : List.of("/api/v1/rollouts", "/api/v1/clusters", "/api/v1/routes")) {
            assertThat(api().document.get("paths").get(path).has("delete")).isFalse();
            Response r = asOperator().delete(path);
            assertThat(r.statusCode()).as(path).isEqualTo(405);
            assertThat(r.contentType()).startsWith("application/problem+json");
            api().validate("DELETE " + path, ApiContract.json(r.asString()), "/components/schemas/Problem");
        }
    }

    /** Last: the throttle then refuses this client's logins for a while. */
    @Test
    @Order(100)
    void repeatedFailedLoginsAre429() {
        Response answer = null;
        for (int i = 0; i < 50; i++) {
            answer = call(json(RestAssured.given(), "{\"username\": \"admin\", \"password\": \"guess-" + i + "\"}"),
                    "POST", "/api/v1/user/login");
            if (answer.statusCode() == 429) {
                break;
            }
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isNotBlank();
    }

    @AfterAll
    static void everyOperationWasCalled() {
        if (api == null) {
            return;
        }
        Set<String> missed = new TreeSet<>(api.operations().keySet());
        missed.removeAll(api.checked());
        assertThat(missed).as("operations no test called").isEmpty();
    }

    private static JsonNode example(String path, String method) {
        return api().at("/paths/" + ApiContract.escape(path) + "/" + method + "/requestBody/content/application~1json"
                + "/example");
    }

    private static void await(String path, Predicate<Response> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        Response now = call(asViewer(), "GET", path, 200);
        while (!done.test(now)) {
            assertThat(Instant.now()).as(path + " never got there: " + now.asString()).isBefore(until);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            now = call(asViewer(), "GET", path, 200);
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
