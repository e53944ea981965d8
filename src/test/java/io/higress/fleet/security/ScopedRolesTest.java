package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.rollout.RolloutState;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scoped roles over the whole published API: every operation of /q/openapi, called by each scoped caller with prod
 * (outside every binding) as its target, is a 403 naming prod, and no API server or gateway of the fleet sees a
 * write. Operations that take no target are listed with what they answer, so a new operation is either targeted
 * (and covered) or has to be classified here.
 */
@QuarkusTest
@TestProfile(ScopedRolesProfile.class)
class ScopedRolesTest {

    /** A caller and the role it holds on prod (null: none). */
    record Who(String name, String key, Role onProd, Role somewhere) {
        RequestSpecification spec() {
            return RestAssured.given().auth().oauth2(key);
        }
    }

    static final List<Who> CALLERS = List.of(
            new Who("dev-viewer", ScopedRolesProfile.DEV_VIEWER, null, Role.VIEWER),
            new Who("devtest-operator", ScopedRolesProfile.DEVTEST_OPERATOR, null, Role.OPERATOR),
            new Who("dev-admin", ScopedRolesProfile.DEV_ADMIN, null, Role.ADMIN),
            new Who("team", ScopedRolesProfile.TEAM, Role.VIEWER, Role.OPERATOR));

    /**
     * Operations without a cluster target, and the status a caller without any unscoped role above viewer gets:
     * they are about the caller, the facade itself, or a rollout whose clusters are not in the request.
     */
    static final Map<String, Set<Integer>> UNTARGETED = Map.ofEntries(
            Map.entry("POST /api/v1/user/login", Set.of(400, 401)), // open: a body without credentials
            Map.entry("GET /api/v1/user/me", Set.of(200)),
            Map.entry("GET /api/v1/user/sso/login", Set.of(404)), // open: single sign-on is off here
            Map.entry("GET /api/v1/user/sso/callback", Set.of(404)),
            Map.entry("GET /api/v1/upstreams", Set.of(200)), // the facade's own breakers and counters
            Map.entry("GET /api/v1/audit", Set.of(403)), // admin on every cluster
            Map.entry("POST /api/v1/clusters", Set.of(403)), // admin on every cluster
            Map.entry("GET /api/v1/rollouts", Set.of(200)),
            Map.entry("GET /api/v1/rollouts/{id}", Set.of(404)),
            Map.entry("GET /api/v1/rollouts/{id}/events", Set.of(404)),
            // acting on a running rollout: operator on every cluster
            Map.entry("POST /api/v1/rollouts/{id}/pause", Set.of(403)),
            Map.entry("POST /api/v1/rollouts/{id}/resume", Set.of(403)),
            Map.entry("POST /api/v1/rollouts/{id}/cancel", Set.of(403)),
            Map.entry("POST /api/v1/rollouts/{id}/promote", Set.of(403)),
            Map.entry("POST /api/v1/rollouts/{id}/approve", Set.of(403)),
            // revisions name their cluster: a list shows a scoped caller its clusters' only, a revision outside the
            // scope is a 403 (RevisionsTest), a restore selects the revision's cluster (the scope check)
            Map.entry("GET /api/v1/revisions", Set.of(200)),
            Map.entry("GET /api/v1/revisions/{id}", Set.of(404)),
            Map.entry("POST /api/v1/revisions/{id}/restore", Set.of(403, 404)),
            // a stored set's targeting is checked at each call (aStoredSetIsCheckedAgainstTheCallersScopeAtEachCall);
            // here the set does not exist: 404, or 403 for a caller who is no operator anywhere
            Map.entry("GET /api/v1/desired-states", Set.of(200)),
            Map.entry("GET /api/v1/desired-states/{name}", Set.of(404)),
            Map.entry("DELETE /api/v1/desired-states/{name}", Set.of(403, 404)),
            Map.entry("GET /api/v1/desired-states/{name}/diff", Set.of(404)),
            Map.entry("GET /api/v1/desired-states/{name}/status", Set.of(404)),
            Map.entry("POST /api/v1/desired-states/{name}/sync", Set.of(403, 404)));

    static final String ROUTE = "{\"name\": \"scoped-route\", \"domain\": [\"scoped.example.com\"], "
            + "\"paths\": [\"/api/*\"], \"serviceName\": \"example-service\", \"servicePort\": 8080}";
    static final String ROLLOUT_TO_PROD = "{\"strategy\": \"selective\", \"clusters\": [\"prod\"], \"routes\": ["
            + ROUTE + "]}";
    static final String SET_MANIFEST = "apiVersion: networking.k8s.io/v1\\nkind: Ingress\\nmetadata:\\n  name: scoped-set\\n"
            + "spec:\\n  ingressClassName: higress\\n";
    /** A desired-state set's PUT is targeted by its body, like a rollout's POST. */
    static final String SET_TO_PROD = "{\"clusters\": [\"prod\"], \"manifests\": \"" + SET_MANIFEST + "\"}";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    static SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    /** Writes every API server and gateway of the fleet received so far. */
    static Map<String, Long> writes() {
        Map<String, Long> out = new TreeMap<>();
        for (String c : fleet().clusters()) {
            out.put(c + " kubernetes", fleet().kubernetesWrites(c));
        }
        for (SimulatedGateway g : fleet().gateways()) {
            out.put(g.name() + " envoy admin", g.writeCount());
        }
        return out;
    }

    @Test
    void everyOperationRefusesTargetsOutsideTheCallersScopeAndWritesNothing() {
        JsonPath api = JsonPath.from(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        AccessTable table = AccessTable.standard(Optional.of(Role.VIEWER));
        Map<String, Long> before = writes();
        List<String> wrong = new ArrayList<>();
        List<String> targeted = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains).sorted().forEach(m -> {
            String method = m.toUpperCase();
            String operation = method + " " + path;
            Map<String, Object> op = api.getMap("paths.'" + path + "'." + m);
            boolean clustersParam = parameters(item, op).stream()
                    .anyMatch(p -> "clusters".equals(p.get("name")) && "query".equals(p.get("in")));
            boolean clusterInPath = path.contains("{cluster}");
            boolean rolloutBody = operation.equals("POST /api/v1/rollouts");
            boolean setBody = operation.equals("PUT /api/v1/desired-states/{name}");
            if (!clustersParam && !clusterInPath && !rolloutBody && !setBody) {
                if (!UNTARGETED.containsKey(operation)) {
                    unclassified.add(operation);
                    return;
                }
                for (Who who : CALLERS) {
                    int status = call(who, method, concrete(path), "{}").statusCode();
                    if (!UNTARGETED.get(operation).contains(status)) {
                        wrong.add(who.name() + " " + operation + " -> " + status + ", expected "
                                + UNTARGETED.get(operation));
                    }
                }
                return;
            }
            targeted.add(operation);
            String concrete = concrete(path) + (clustersParam && !clusterInPath ? "?clusters=prod" : "");
            AccessTable.Requirement needed = table.requirementFor(method, concrete.replaceAll("\\?.*", ""));
            for (Who who : CALLERS) {
                boolean allowed = who.onProd() != null && who.onProd().includes(needed.role())
                        && needed.reach() == AccessTable.Reach.TARGETS;
                if (allowed) {
                    continue; // the team's reads of prod: allowed, answered like any viewer's
                }
                Response r = call(who, method, concrete, rolloutBody ? ROLLOUT_TO_PROD : setBody ? SET_TO_PROD : "{}");
                String what = who.name() + " " + method + " " + concrete + " -> " + r.statusCode() + " " + r.asString();
                if (r.statusCode() != 403) {
                    wrong.add(what);
                    continue;
                }
                // with the role somewhere, the answer says which clusters are out of reach
                boolean hasRoleSomewhere = who.somewhere().includes(needed.role())
                        && needed.reach() == AccessTable.Reach.TARGETS;
                if (hasRoleSomewhere && !(r.jsonPath().getString("detail").contains("prod")
                        && r.jsonPath().getList("errors.message", String.class).stream()
                                .anyMatch(e -> e.contains("'prod' is outside your scope")))) {
                    wrong.add(what + " (prod not named)");
                }
            }
        }));
        assertThat(unclassified).as("operations with no cluster target that this test does not know").isEmpty();
        assertThat(wrong).as("answers to callers targeting prod outside their scope").isEmpty();
        assertThat(targeted).as("the walk found the targeted operations").contains("GET /api/v1/clusters",
                "GET /api/v1/clusters/{cluster}", "POST /api/v1/routes", "PUT /api/v1/routes/{name}",
                "DELETE /api/v1/routes/{name}", "POST /api/v1/manifests", "POST /api/v1/rollouts",
                "PUT /api/v1/desired-states/{name}",
                "GET /api/v1/fleet/server_info", "GET /api/v1/fleet/config_dump", "POST /api/v1/fleet/logging", "GET /api/v1/export",
                "POST /api/v1/clusters/{cluster}/gateways/{gateway}/admin/quitquitquit",
                "GET /api/v1/clusters/{cluster}/gateways/{gateway}/admin/config_dump");
        assertThat(writes()).as("writes anywhere in the fleet").isEqualTo(before);
    }

    @Test
    void aStoredSetIsCheckedAgainstTheCallersScopeAtEachCall() {
        Who op = CALLERS.get(1);
        Map<String, Long> before = writes();
        String body = "{\"clusters\": [\"dev\", \"test\"], \"manifests\": \"" + SET_MANIFEST + "\"}";
        op.spec().contentType("application/json").body(body).put("/api/v1/desired-states/scoped-set")
                .then().statusCode(201);
        Who devViewer = CALLERS.get(0);
        devViewer.spec().get("/api/v1/desired-states/scoped-set/diff").then().statusCode(403)
                .body("errors.message", contains("'test' is outside your scope for the role 'viewer'"));
        devViewer.spec().post("/api/v1/desired-states/scoped-set/sync").then().statusCode(403);
        assertThat(writes()).as("no cluster was written").isEqualTo(before);
        op.spec().delete("/api/v1/desired-states/scoped-set").then().statusCode(204);
    }

    @Test
    void aScopedOperatorWritesInItsScope() {
        Who op = CALLERS.get(1);
        Map<String, Long> before = writes();
        op.spec().contentType("application/json").body(ROUTE).post("/api/v1/routes?clusters=dev,test")
                .then().statusCode(201).body("results.cluster", contains("dev", "test"))
                .body("results.status", everyItem(equalTo("created")));
        op.spec().contentType("application/json").body("{\"domain\": [\"scoped2.example.com\"]}")
                .put("/api/v1/routes/scoped-route?selector=env in (dev,test)").then().statusCode(200)
                .body("results.cluster", contains("dev", "test"));
        assertThat(ingress("dev")).isTrue();
        assertThat(ingress("test")).isTrue();
        assertThat(ingress("prod")).isFalse();
        assertThat(fleet().kubernetesWrites("prod")).isEqualTo(before.get("prod kubernetes"));
        assertThat(fleet().kubernetesWrites("dev")).isGreaterThan(before.get("dev kubernetes"));

        // its write that names no clusters would reach prod too: refused whole, nothing written in dev either
        Map<String, Long> now = writes();
        Response r = op.spec().contentType("application/json").body(ROUTE.replace("scoped-route", "everywhere-route"))
                .post("/api/v1/routes");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(403);
        assertThat(r.jsonPath().getString("detail")).contains("prod").doesNotContain("dev");
        assertThat(r.jsonPath().getString("hint")).contains("selector=");
        assertThat(writes()).isEqualTo(now);

        op.spec().delete("/api/v1/routes/scoped-route?clusters=dev,test").then().statusCode(200);
    }

    @Test
    void revisionsShowAScopedCallerItsClustersOnlyAndRestoreOnlyThere() {
        String body = ROUTE.replace("scoped-route", "revision-route");
        io.higress.fleet.sim.FleetApi.asAdmin().contentType("application/json").body(body)
                .post("/api/v1/routes?clusters=dev,prod").then().statusCode(201);
        Who op = CALLERS.get(1);
        List<Map<String, Object>> seen = op.spec().get("/api/v1/revisions?name=revision-route").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(seen).extracting(i -> i.get("cluster")).containsExactly("dev");
        String prod = io.higress.fleet.sim.FleetApi.asAdmin().get("/api/v1/revisions?name=revision-route&cluster=prod")
                .then().statusCode(200).extract().path("items[0].id");
        op.spec().get("/api/v1/revisions/" + prod).then().statusCode(403).body("detail", containsString("prod"));

        Map<String, Long> before = writes();
        op.spec().post("/api/v1/revisions/" + prod + "/restore").then().statusCode(403)
                .body("detail", containsString("prod"));
        String dev = (String) seen.get(0).get("id");
        CALLERS.get(0).spec().post("/api/v1/revisions/" + dev + "/restore").then().statusCode(403); // a viewer
        assertThat(writes()).as("nothing written anywhere").isEqualTo(before);
        // in its scope: the restore of the create deletes the route in dev, prod keeps it
        op.spec().post("/api/v1/revisions/" + dev + "/restore").then().statusCode(200)
                .body("results.cluster", contains("dev")).body("results.status", contains("deleted"));
        assertThat(fleet().kubernetesWrites("prod")).isEqualTo(before.get("prod kubernetes"));
        io.higress.fleet.sim.FleetApi.asAdmin().delete("/api/v1/routes/revision-route?clusters=prod").then()
                .statusCode(200);
    }

    @Test
    void aViewerEverywhereWhoOperatesDevAndTestReadsProdButDoesNotWriteIt() {
        Who team = CALLERS.get(3);
        team.spec().get("/api/v1/fleet/server_info?clusters=prod").then().statusCode(200)
                .body("items.cluster", everyItem(equalTo("prod")));
        Map<String, Long> before = writes();
        Response r = team.spec().contentType("application/json").body(ROUTE)
                .post("/api/v1/routes?selector=env in (dev,prod)");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(403);
        assertThat(r.jsonPath().getList("errors.message", String.class))
                .containsExactly("'prod' is outside your scope for the role 'operator'");
        assertThat(writes()).isEqualTo(before);
        team.spec().get("/api/v1/user/me").then().statusCode(200).body("roles", contains("viewer"))
                .body("bindings.role", contains("operator")).body("bindings.selector", contains("env in (dev, test)"));
    }

    @Test
    void readsThatNameNoTargetAreNarrowedToTheCallersClusters() {
        Who viewer = CALLERS.get(0);
        // plain JSON (REST) and a streamed dump (a Vert.x route): both see dev only, and say so
        viewer.spec().get("/api/v1/fleet/server_info").then().statusCode(200)
                .header(ScopedTargets.NARROWED_HEADER, "narrowed").body("items.cluster", everyItem(equalTo("dev")));
        viewer.spec().accept("application/x-ndjson").get("/api/v1/fleet/config_dump").then().statusCode(200)
                .header(ScopedTargets.NARROWED_HEADER, "narrowed");
        String dump = viewer.spec().get("/api/v1/fleet/config_dump").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(dump).getList("items.cluster", String.class)).isNotEmpty().containsOnly("dev");
        viewer.spec().get("/api/v1/routes").then().statusCode(200);
        // a viewer everywhere reads everywhere, without the header
        assertThat(CALLERS.get(3).spec().get("/api/v1/fleet/server_info").then().statusCode(200)
                .extract().header(ScopedTargets.NARROWED_HEADER)).isNull();
    }

    @Test
    void upstreamsAndRolloutsShowAScopedViewerItsClustersOnly() {
        Who devViewer = CALLERS.get(0);
        devViewer.spec().get("/api/v1/fleet/server_info").then().statusCode(200); // dev's upstreams exist now
        CALLERS.get(3).spec().get("/api/v1/fleet/server_info").then().statusCode(200); // and every cluster's
        List<String> seen = devViewer.spec().get("/api/v1/upstreams").then().statusCode(200)
                .extract().jsonPath().getList("items.cluster", String.class);
        assertThat(seen).isNotEmpty().containsOnly("dev");
        assertThat(CALLERS.get(3).spec().get("/api/v1/upstreams").then().statusCode(200).extract().jsonPath()
                .getList("items.cluster", String.class)).contains("dev", "test", "prod");
        devViewer.spec().get("/api/v1/upstreams?cluster=prod").then().statusCode(403)
                .body("detail", containsString("prod"));
        // the cluster directory: every name and labels to target by, the details of its own clusters only
        JsonPath directory = devViewer.spec().get("/api/v1/clusters").then().statusCode(200).extract().jsonPath();
        assertThat(directory.getList("items.name", String.class)).contains("dev", "test", "prod");
        assertThat(directory.getMap("items.find { it.name == 'prod' }")).containsKeys("name", "labels", "source")
                .doesNotContainKeys("status", "gateways", "kubernetes", "console", "error");
        assertThat(directory.getMap("items.find { it.name == 'prod' }.labels")).isNotEmpty();
        assertThat(directory.getMap("items.find { it.name == 'dev' }")).containsKeys("status", "gateways");
        assertThat(CALLERS.get(3).spec().get("/api/v1/clusters").then().statusCode(200).extract().jsonPath()
                .getMap("items.find { it.name == 'prod' }")).containsKeys("status", "gateways");

        // a rollout to test, by the operator of dev and test: the viewer of dev neither lists nor reads it
        String body = "{\"strategy\": \"selective\", \"clusters\": [\"test\"], \"routes\": [" + ROUTE
                .replace("scoped-route", "scoped-rollout-route") + "]}";
        String id = CALLERS.get(1).spec().contentType("application/json").body(body).post("/api/v1/rollouts")
                .then().statusCode(202).extract().path("id");
        assertThat(CALLERS.get(3).spec().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).contains(id);
        assertThat(devViewer.spec().get("/api/v1/rollouts").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).doesNotContain(id);
        devViewer.spec().get("/api/v1/rollouts/" + id).then().statusCode(403).body("detail", containsString("test"));
        devViewer.spec().get("/api/v1/rollouts/" + id + "/events").then().statusCode(403);
        // ended before the next test counts writes
        Poll.until(() -> CALLERS.get(1).spec().get("/api/v1/rollouts/" + id).then().statusCode(200).extract()
                .<String>path("state"), s -> RolloutState.valueOf(s.toUpperCase().replace('-', '_')).terminal());
    }

    private static boolean ingress(String cluster) {
        return fleet().client(cluster).genericKubernetesResources("networking.k8s.io/v1", "Ingress")
                .inNamespace("higress-system").withName("scoped-route").get() != null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Map<String, Object> item, Map<String, Object> op) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object list : new Object[] {item.get("parameters"), op.get("parameters")}) {
            if (list instanceof List<?> l) {
                l.forEach(p -> out.add((Map<String, Object>) p));
            }
        }
        return out;
    }

    private static String concrete(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cluster", "prod");
        values.put("gateway", "prod-gw-1");
        values.put("endpoint", "server_info");
        values.put("path", "server_info");
        values.put("id", "no-such-rollout");
        String out = path;
        for (var e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out.replaceAll("\\{[^}]+}", "scoped-route");
    }

    private static Response call(Who who, String method, String path, String body) {
        return who.spec().redirects().follow(false).contentType("application/json").body(body).request(method, path);
    }
}
