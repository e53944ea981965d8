package io.higress.fleet.resources.http2rpc;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Http2Rpc, added as docs/kinds.md says (one package and one registration line): the whole fleet contract at
 * {@code /api/v1/http2rpcs} — create, aggregated read, merge PUT, delete, 400 naming the field, export.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class Http2RpcTest {
    static final List<String> ALL = List.of("dev", "prod", "test");
    static final String BODY = """
            {"name": "dubbo-hello", "dubbo": {"service": "com.dubbo.demo.api.DemoService", "version": "1.0.0",
             "group": "dev", "methods": [{"serviceMethod": "sayHello", "headersAttach": "*", "httpMethods": ["GET"],
             "httpPath": "/dubbo/hello", "params": [{"paramKey": "name", "paramSource": "QUERY",
             "paramType": "java.lang.String"}]}]}}""";

    static JsonPath object(String cluster, String name) {
        GenericKubernetesResource o = SimulatedFleetResource.fleet().client(cluster)
                .genericKubernetesResources(Http2RpcKind.HTTP2RPC.context()).inNamespace("higress-system")
                .withName(name).get();
        return o == null ? null : JsonPath.from(Serialization.asJson(o));
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleet() {
        asOperator().contentType("application/json").body(BODY).post("/api/v1/http2rpcs").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("Http2Rpc")))
                .body("results.status", everyItem(equalTo("created")));
        for (String c : ALL) {
            JsonPath o = object(c, "dubbo-hello");
            assertThat(o).as(c).isNotNull();
            assertThat(o.getString("apiVersion")).isEqualTo("networking.higress.io/v1");
            assertThat(o.getString("spec.dubbo.service")).isEqualTo("com.dubbo.demo.api.DemoService");
            assertThat(o.getString("spec.dubbo.methods[0].httpPath")).isEqualTo("/dubbo/hello");
            assertThat(o.getString("spec.dubbo.methods[0].params[0].paramSource")).isEqualTo("QUERY");
            assertThat(o.getString("metadata.labels.'app.kubernetes.io/managed-by'")).isEqualTo("higress-fleet");
        }
        asViewer().get("/api/v1/http2rpcs").then().statusCode(200)
                .body("items.find { it.name == 'dubbo-hello' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'dubbo-hello' }.managed", equalTo(true))
                .body("items.find { it.name == 'dubbo-hello' }.drift", equalTo(false))
                .body("items.find { it.name == 'dubbo-hello' }.dubbo.methods[0].serviceMethod", equalTo("sayHello"));

        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body("{\"dubbo\": {\"service\": \"com.dubbo.demo.api.DemoService\", \"version\": \"2.0.0\", "
                        + "\"methods\": [{\"serviceMethod\": \"sayHello\", \"httpPath\": \"/dubbo/hi\"}]}}")
                .put("/api/v1/http2rpcs/dubbo-hello").then().statusCode(200)
                .body("results[0].status", equalTo("updated"));
        assertThat(object("prod", "dubbo-hello").getString("spec.dubbo.version")).isEqualTo("2.0.0");
        assertThat(object("dev", "dubbo-hello").getString("spec.dubbo.version")).isEqualTo("1.0.0");
        asViewer().get("/api/v1/http2rpcs/dubbo-hello").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.prod.dubbo.version", equalTo("2.0.0"));
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("kind: Http2Rpc"));

        asOperator().delete("/api/v1/http2rpcs/dubbo-hello").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(object(c, "dubbo-hello")).as(c).isNull());
    }

    @Test
    void aBadBodyIsA400NamingTheFieldsAndNothingIsWritten() {
        asOperator().contentType("application/json")
                .body("{\"name\": \"bad\", \"dubbo\": {\"methods\": [{\"serviceMethod\": \"x\", \"httpPath\": \"nope\","
                        + " \"httpMethods\": [\"FETCH\"], \"params\": [{\"paramKey\": \"a\", \"paramSource\": \"COOKIE\","
                        + " \"paramType\": \"int\"}]}]}}")
                .post("/api/v1/http2rpcs").then().statusCode(400)
                .body("errors.field", hasItem("dubbo.service"))
                .body("errors.field", hasItem("dubbo.methods[0].httpPath"))
                .body("errors.field", hasItem("dubbo.methods[0].httpMethods[0]"))
                .body("errors.field", hasItem("dubbo.methods[0].params[0].paramSource"));
        asOperator().contentType("application/json").body("{\"name\": \"typo\", \"dubo\": {}}")
                .post("/api/v1/http2rpcs").then().statusCode(400).body("errors.field", hasItem("dubo"));
        ALL.forEach(c -> assertThat(object(c, "bad")).as(c).isNull());
    }

    @Test
    void anUnknownKindIsA404NamingTheKinds() {
        asViewer().get("/api/v1/http2rpc").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("http2rpcs"));
    }
}
