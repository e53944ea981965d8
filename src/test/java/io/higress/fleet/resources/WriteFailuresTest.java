package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * One cluster failing during a write: the others are written and the answer is 207 with that cluster's mapped
 * problem. Reads are retried (2 retries here) but never on a 4xx.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.upstreams.kubernetes.timeout", value = "2s"),
        @ResourceArg(name = "fleet.upstreams.kubernetes.retries", value = "2")})
class WriteFailuresTest {

    static String route(String name) {
        return "{\"name\": \"" + name + "\", \"paths\": [\"/\"], \"serviceName\": \"svc\", \"servicePort\": 80}";
    }

    /** The paths of the requests recorded since the last drain. */
    static java.util.List<String> drain(KubernetesMockServer server) throws InterruptedException {
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (var r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            paths.add(r.getPath());
        }
        return paths;
    }

    @Test
    void aClusterDenyingTheFacadeIsA502WithTheRbacHintAndIsNotRetried() throws InterruptedException {
        String path = "/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses/forbidden-route";
        Status forbidden = new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                .withMessage("ingresses.networking.k8s.io \"forbidden-route\" is forbidden: User "
                        + "\"system:serviceaccount:higress-system:higress-fleet\" cannot get resource \"ingresses\"")
                .build();
        // CRUD-mode mock servers answer expectations first: exactly one GET of this object gets a 403.
        SimulatedFleetResource.fleet().kubernetesServer("test").expect().get().withPath(path)
                .andReturn(403, forbidden).once();
        KubernetesMockServer test = SimulatedFleetResource.fleet().kubernetesServer("test");
        drain(test);

        asOperator().queryParam("clusters", "test,prod").contentType("application/json").body(route("forbidden-route"))
                .post("/api/v1/routes").then().statusCode(207)
                .body("results.find { it.cluster == 'prod' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'test' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'test' }.error.status", equalTo(502))
                .body("results.find { it.cluster == 'test' }.error.type", containsString("upstream-forbidden"))
                .body("results.find { it.cluster == 'test' }.error.upstream.status", equalTo(403))
                .body("results.find { it.cluster == 'test' }.error.upstream.reason", equalTo("Forbidden"))
                .body("results.find { it.cluster == 'test' }.error.hint", containsString("RBAC"));

        // Only requests for this object: gateway discovery may list pods on the same server meanwhile.
        assertThat(drain(test).stream().filter(p -> p.startsWith(path)).count())
                .as("requests for the route to test's API server").isEqualTo(1);
        assertThat(ClusterState.get("test", "Ingress", "forbidden-route")).isNull();
        assertThat(ClusterState.get("prod", "Ingress", "forbidden-route")).isNotNull();
    }

    @Test
    void aReadThatFailsWith503IsRetriedAndTheWriteGoesThrough() throws InterruptedException {
        String path = "/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses/flaky-route";
        Status unavailable = new StatusBuilder().withStatus("Failure").withCode(503).withReason("ServiceUnavailable")
                .withMessage("the server is currently unable to handle the request").build();
        // the plan's read of the object fails twice; the guard's two retries reach the CRUD store on the third GET
        SimulatedFleetResource.fleet().kubernetesServer("test").expect().get().withPath(path)
                .andReturn(503, unavailable).times(2);
        KubernetesMockServer test = SimulatedFleetResource.fleet().kubernetesServer("test");
        drain(test);

        asOperator().queryParam("clusters", "test").contentType("application/json").body(route("flaky-route"))
                .post("/api/v1/routes").then().statusCode(201)
                .body("results[0].status", equalTo("created"));

        java.util.List<String> requests = drain(test).stream().filter(p -> p.startsWith(path)).toList();
        assertThat(requests).as("three reads (two failed, one retried ok), the create went to the collection")
                .hasSize(3);
        assertThat(ClusterState.get("test", "Ingress", "flaky-route")).isNotNull();
    }

    @Test
    void anApiServerThatIsDownIsA502ForItsClusterAndTheOthersAreWritten() {
        SimulatedFleetResource.fleet().stopKubernetes("dev");
        asOperator().contentType("application/json").body(route("outage-route"))
                .post("/api/v1/routes").then().statusCode(207)
                .body("results.find { it.cluster == 'dev' }.status", equalTo("error"))
                .body("results.find { it.cluster == 'dev' }.error.status", equalTo(502))
                .body("results.find { it.cluster == 'dev' }.error.type", containsString("upstream-unreachable"))
                .body("results.find { it.cluster == 'dev' }.error.cluster", equalTo("dev"))
                .body("results.find { it.cluster == 'prod' }.status", equalTo("created"))
                .body("results.find { it.cluster == 'test' }.status", equalTo("created"))
                .body("summary.failed", equalTo(1));
        assertThat(ClusterState.get("prod", "Ingress", "outage-route")).isNotNull();

        // Reads show the unreachable cluster as an error entry, not a 500.
        asOperator().get("/api/v1/routes").then().statusCode(200)
                .header("X-Fleet-Partial", "true")
                .body("errors[0].cluster", equalTo("dev"))
                .body("items.find { it.name == 'outage-route' }.clusters.size()", equalTo(2));
    }

    @Test
    void aConcurrentChangeIsReadAgainAndWrittenOnce() throws InterruptedException {
        asOperator().queryParam("clusters", "prod").contentType("application/json").body(route("contended"))
                .post("/api/v1/routes").then().statusCode(201);
        Status conflict = new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
                .withMessage("Operation cannot be fulfilled on ingresses.networking.k8s.io \"contended\": the object "
                        + "has been modified; please apply your changes to the latest version and try again").build();
        SimulatedFleetResource.fleet().kubernetesServer("prod").expect().put()
                .withPath("/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses/contended")
                .andReturn(409, conflict).once();
        KubernetesMockServer prod = SimulatedFleetResource.fleet().kubernetesServer("prod");
        drain(prod);

        asOperator().queryParam("clusters", "prod").contentType("application/json").body("{\"servicePort\": 81}")
                .put("/api/v1/routes/contended").then().statusCode(200)
                .body("results[0].status", equalTo("updated"));
        assertThat(drain(prod).stream().filter(p -> p.contains("/ingresses/contended")).count())
                .as("read, conflicting write, read again, write").isEqualTo(4);
        assertThat(ClusterState.json("prod", "Ingress", "contended")
                .getInt("spec.rules[0].http.paths[0].backend.service.port.number")).isEqualTo(81);
    }
}
