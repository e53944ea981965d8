package io.higress.fleet.rollout;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.resources.route.RouteSpec;
import io.higress.fleet.resources.route.RouteTranslator;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Helpers of the rollout tests: bodies, polling, the objects in a simulated cluster. */
final class Rollouts {
    static final String NS = "higress-system";

    private Rollouts() {
    }

    static Map<String, Object> route(String name, String service) {
        return Map.of("name", name, "domain", List.of(name + ".example.com"), "paths", List.of("/*"),
                "serviceName", service, "servicePort", 8080);
    }

    /** Starts a rollout: 202 with the contract's relative Location (§6), whatever host the facade is reached by. */
    static String start(Map<String, Object> body) {
        var answer = asOperator().contentType("application/json").body(body).post("/api/v1/rollouts")
                .then().statusCode(202).extract();
        String id = answer.jsonPath().getString("id");
        org.assertj.core.api.Assertions.assertThat(answer.header("Location")).isEqualTo("/api/v1/rollouts/" + id);
        return id;
    }

    static JsonPath get(String id) {
        return asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath await(String id, Predicate<JsonPath> done, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        JsonPath now = get(id);
        while (!done.test(now)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("rollout " + id + " did not get there in " + timeout + ": " + now.prettify());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            now = get(id);
        }
        return now;
    }

    static JsonPath awaitState(String id, String state) {
        return await(id, j -> state.equals(j.getString("state")), Duration.ofSeconds(20));
    }

    static Ingress ingress(KubernetesClient client, String name) {
        return client.network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    /** Puts a route there as an earlier facade write would have. */
    static void existing(KubernetesClient client, String name, String service) {
        Ingress ing = new RouteTranslator(NS).toIngress(new RouteSpec(name, List.of(name + ".example.com"),
                List.of("/*"), service, 8080, null));
        client.network().v1().ingresses().inNamespace(NS).resource(ing).create();
    }

    /** Puts a route there as another tool would: managed by helm, not by the facade. */
    static void unmanaged(KubernetesClient client, String name, String service) {
        Ingress ing = new RouteTranslator(NS).toIngress(new RouteSpec(name, List.of(name + ".example.com"),
                List.of("/*"), service, 8080, null));
        ing.getMetadata().setLabels(Map.of(Ownership.LABEL, "helm"));
        client.network().v1().ingresses().inNamespace(NS).resource(ing).create();
    }

    static String service(Ingress ing) {
        return ing.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName();
    }

    static Instant at(JsonPath j, String cluster, String field) {
        for (int w = 0; w < j.getList("waves").size(); w++) {
            List<Map<String, Object>> clusters = j.getList("waves[" + w + "].clusters");
            for (Map<String, Object> c : clusters) {
                if (cluster.equals(c.get("name"))) {
                    return Instant.parse((String) c.get(field));
                }
            }
        }
        throw new AssertionError("no cluster " + cluster);
    }

    static String clusterState(JsonPath j, String cluster) {
        for (int w = 0; w < j.getList("waves").size(); w++) {
            List<Map<String, Object>> clusters = j.getList("waves[" + w + "].clusters");
            for (Map<String, Object> c : clusters) {
                if (cluster.equals(c.get("name"))) {
                    return (String) c.get("state");
                }
            }
        }
        throw new AssertionError("no cluster " + cluster);
    }
}
