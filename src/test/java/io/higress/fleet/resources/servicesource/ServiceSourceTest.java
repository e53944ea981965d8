package io.higress.fleet.resources.servicesource;

import static io.higress.fleet.resources.ai.AiFleet.KUBERNETES;
import static io.higress.fleet.resources.ai.AiFleet.MCP_BRIDGES;
import static io.higress.fleet.resources.ai.AiFleet.json;
import static io.higress.fleet.resources.ai.AiFleet.object;
import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.ai.AiFleet;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service sources and proxy servers across dev and prod (Kubernetes) and test (console): the McpBridge
 * {@code default} field by field against what the console's KubernetesModelConverter writes, the console's objects,
 * aggregated reads with drift, the nacos keys hidden from viewers and operators, 400s naming the field with nothing
 * written.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test")})
class ServiceSourceTest {
    static final String PROXY = """
            {"name": "corp-proxy", "type": "http", "serverAddress": "proxy.corp.example.com", "serverPort": 3128,
             "connectTimeout": 1200}""";

    /** One source of each registry type, and the registry the console's converter writes for it. */
    static final Map<String, String[]> EVERY_TYPE = Map.of(
            "nacos-a", new String[] {"""
                    {"name": "nacos-a", "type": "nacos", "domain": "nacos.example.com", "port": 8848,
                     "nacosNamespaceId": "prod", "nacosGroups": ["DEFAULT_GROUP"]}""", """
                    {"name": "nacos-a", "type": "nacos", "domain": "nacos.example.com", "port": 8848,
                     "nacosNamespaceId": "prod", "nacosGroups": ["DEFAULT_GROUP"]}"""},
            "nacos2-a", new String[] {"""
                    {"name": "nacos2-a", "type": "nacos2", "domain": "10.0.0.8", "port": 8848,
                     "nacosGroups": ["g1", "g2"]}""", """
                    {"name": "nacos2-a", "type": "nacos2", "domain": "10.0.0.8", "port": 8848,
                     "nacosNamespaceId": "", "nacosGroups": ["g1", "g2"]}"""},
            "nacos3-a", new String[] {"""
                    {"name": "nacos3-a", "type": "nacos3", "domain": "nacos3.example.com", "port": 8848,
                     "nacosGroups": ["DEFAULT_GROUP"]}""", """
                    {"name": "nacos3-a", "type": "nacos3", "domain": "nacos3.example.com", "port": 8848,
                     "nacosNamespaceId": "", "nacosGroups": ["DEFAULT_GROUP"], "enableMCPServer": false,
                     "mcpServerBaseUrl": "", "mcpServerExportDomains": []}"""},
            "zk-a", new String[] {"""
                    {"name": "zk-a", "type": "zookeeper", "domain": "zk.example.com", "port": 2181,
                     "zkServicesPath": ["/dubbo"]}""", """
                    {"name": "zk-a", "type": "zookeeper", "domain": "zk.example.com", "port": 2181,
                     "zkServicesPath": ["/dubbo"]}"""},
            "consul-a", new String[] {"""
                    {"name": "consul-a", "type": "consul", "domain": "consul.example.com", "port": 8500,
                     "consulDatacenter": "dc1", "consulRefreshInterval": 30}""", """
                    {"name": "consul-a", "type": "consul", "domain": "consul.example.com", "port": 8500,
                     "consulDatacenter": "dc1", "consulServiceTag": "", "consulRefreshInterval": 30}"""},
            "eureka-a", new String[] {"""
                    {"name": "eureka-a", "type": "eureka", "domain": "eureka.example.com", "port": 8761}""", """
                    {"name": "eureka-a", "type": "eureka", "domain": "eureka.example.com", "port": 8761}"""},
            "static-a", new String[] {"""
                    {"name": "static-a", "type": "static", "domain": "10.0.0.1:8080,10.0.0.2:8080", "port": 80,
                     "protocol": "http", "proxyName": "corp-proxy"}""", """
                    {"name": "static-a", "type": "static", "domain": "10.0.0.1:8080,10.0.0.2:8080", "port": 80,
                     "protocol": "http", "proxyName": "corp-proxy"}"""},
            "dns-a", new String[] {"""
                    {"name": "dns-a", "type": "dns", "domain": "api.example.com", "port": 443, "protocol": "https",
                     "sni": "api.example.com", "vport": {"default": 8443, "services": [{"name": "svc1", "value": 9090}]}}""",
                    """
                    {"name": "dns-a", "type": "dns", "domain": "api.example.com", "port": 443, "protocol": "https",
                     "sni": "api.example.com", "vport": {"default": 8443, "services": [{"name": "svc1", "value": 9090}]}}"""});
    static final List<String> ORDER = List.of("nacos-a", "nacos2-a", "nacos3-a", "zk-a", "consul-a", "eureka-a",
            "static-a", "dns-a");

    @BeforeEach
    void empty() {
        AiFleet.clear();
        AiFleet.console().clearBridge();
        AiFleet.console().clearRequests();
    }

    @Test
    void everyRegistryTypeIsWrittenAsTheConsoleWritesItInEveryCluster() {
        asOperator().contentType("application/json").body(PROXY).post("/api/v1/proxy-servers").then()
                .statusCode(201).body("results.status", everyItem(equalTo("created")))
                .body("results.kind", everyItem(equalTo("ProxyServer")));
        for (String name : ORDER) {
            asOperator().contentType("application/json").body(EVERY_TYPE.get(name)[0])
                    .post("/api/v1/service-sources").then().statusCode(201)
                    .body("results.cluster", contains("dev", "prod", "test"))
                    .body("results.kind", everyItem(equalTo("ServiceSource")));
        }
        for (String c : KUBERNETES) {
            ObjectNode bridge = object(c, MCP_BRIDGES, "default");
            assertThat(bridge.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("higress-fleet");
            assertThat(bridge.at("/spec/proxies")).as(c).isEqualTo(json("""
                    [{"type": "http", "name": "corp-proxy", "serverAddress": "proxy.corp.example.com",
                      "serverPort": 3128, "connectTimeout": 1200}]"""));
            JsonNode registries = bridge.at("/spec/registries");
            assertThat(registries).as(c).hasSize(ORDER.size());
            for (int i = 0; i < ORDER.size(); i++) {
                assertThat(registries.get(i)).as(c + " " + ORDER.get(i)).isEqualTo(json(EVERY_TYPE.get(ORDER.get(i))[1]));
            }
        }
        // the console holds the body its ServiceSource has: properties for the type, vport by its Jackson names
        ObjectNode nacos = AiFleet.console().source("nacos2-a");
        assertThat(nacos.path("properties")).isEqualTo(json("""
                {"nacosNamespaceId": "", "nacosGroups": ["g1", "g2"]}"""));
        assertThat(AiFleet.console().source("consul-a").path("properties")).isEqualTo(json("""
                {"consulDatacenter": "dc1", "consulServiceTag": "", "consulRefreshInterval": 30}"""));
        assertThat(AiFleet.console().source("zk-a").path("properties")).isEqualTo(json("""
                {"zkServicesPath": ["/dubbo"]}"""));
        assertThat(AiFleet.console().source("dns-a").path("vport")).isEqualTo(json("""
                {"defaultValue": 8443, "servicesVport": [{"name": "svc1", "value": 9090}]}"""));
        assertThat(AiFleet.console().source("static-a").path("proxyName").asText()).isEqualTo("corp-proxy");
        assertThat(AiFleet.console().proxyServer("corp-proxy").path("serverPort").asInt()).isEqualTo(3128);

        // read back once, the same everywhere
        for (String name : ORDER) {
            asViewer().get("/api/v1/service-sources/" + name).then().statusCode(200)
                    .body("clusters", contains("dev", "prod", "test"))
                    .body("drift", equalTo(false)).body("managed", equalTo(true));
        }
        asViewer().get("/api/v1/service-sources/dns-a").then().body("vport.default", equalTo(8443))
                .body("vport.services[0].value", equalTo(9090)).body("sni", equalTo("api.example.com"));
        asViewer().get("/api/v1/service-sources/nacos2-a").then().body("nacosGroups", contains("g1", "g2"))
                .body("$", not(org.hamcrest.Matchers.hasKey("nacosNamespaceId")));
        asViewer().get("/api/v1/proxy-servers").then().statusCode(200)
                .body("items.find { it.name == 'corp-proxy' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'corp-proxy' }.drift", equalTo(false))
                .body("items.find { it.name == 'corp-proxy' }.connectTimeout", equalTo(1200));
        // every source re-applied as read: unchanged everywhere
        String read = asAdmin().get("/api/v1/service-sources/consul-a").then().extract().asString();
        asOperator().contentType("application/json").body(read).put("/api/v1/service-sources/consul-a").then()
                .statusCode(200).body("results.status", everyItem(equalTo("unchanged")));
        // the same POST again: it exists everywhere
        asOperator().contentType("application/json").body(EVERY_TYPE.get("eureka-a")[0])
                .post("/api/v1/service-sources").then().statusCode(409);
    }

    @Test
    void updateKeepsWhatTheFacadeDoesNotModelDriftShowsAndDeleteLeavesTheOthers() {
        asOperator().contentType("application/json").body(EVERY_TYPE.get("nacos3-a")[0])
                .post("/api/v1/service-sources").then().statusCode(201);
        asOperator().contentType("application/json").body(EVERY_TYPE.get("eureka-a")[0])
                .post("/api/v1/service-sources").then().statusCode(201);
        // someone turns on nacos3's MCP server in prod, a field the facade does not model
        ObjectNode prod = object("prod", MCP_BRIDGES, "default");
        ((ObjectNode) prod.at("/spec/registries/0")).put("enableMCPServer", true).put("mcpServerBaseUrl", "/mcp");
        AiFleet.put("prod", MCP_BRIDGES, prod);

        asOperator().contentType("application/json").body("{\"nacosGroups\": [\"blue\"], \"port\": 8849}")
                .put("/api/v1/service-sources/nacos3-a").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")))
                .body("results.find { it.cluster == 'dev' }.changes.path",
                        hasItem("/spec/registries/0/nacosGroups/0"));
        JsonNode prodRegistry = object("prod", MCP_BRIDGES, "default").at("/spec/registries/0");
        assertThat(prodRegistry.path("enableMCPServer").asBoolean()).isTrue();
        assertThat(prodRegistry.path("mcpServerBaseUrl").asText()).isEqualTo("/mcp");
        assertThat(prodRegistry.path("port").asInt()).isEqualTo(8849);
        assertThat(AiFleet.console().source("nacos3-a").at("/properties/nacosGroups")).isEqualTo(json("[\"blue\"]"));

        // a change in dev alone is drift
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"domain\": \"eureka2.example.com\"}").put("/api/v1/service-sources/eureka-a").then()
                .statusCode(200);
        asViewer().get("/api/v1/service-sources/eureka-a").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.dev.domain", equalTo("eureka2.example.com"))
                .body("copies.prod.domain", equalTo("eureka.example.com"));

        asOperator().delete("/api/v1/service-sources/nacos3-a").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            JsonNode registries = object(c, MCP_BRIDGES, "default").at("/spec/registries");
            assertThat(registries).as(c).hasSize(1);
            assertThat(registries.get(0).path("name").asText()).isEqualTo("eureka-a");
        }
        assertThat(AiFleet.console().source("nacos3-a")).isNull();
        assertThat(AiFleet.console().source("eureka-a")).isNotNull();
        asViewer().get("/api/v1/service-sources/nacos3-a").then().statusCode(404);
    }

    @Test
    void nacosKeysNeverReachAViewerOrAnOperator() {
        String keyed = """
                {"name": "nacos-keys", "type": "nacos2", "domain": "nacos.example.com", "port": 8848,
                 "nacosGroups": ["DEFAULT_GROUP"], "nacosAddressServer": "http://addr.example.com:8080",
                 "nacosAccessKey": "AK-top-secret", "nacosSecretKey": "SK-top-secret"}""";
        // the console cannot hold the keys: the whole request is refused, naming the field, nothing written
        Map<String, String> before = AiFleet.snapshot();
        asOperator().contentType("application/json").body(keyed).post("/api/v1/service-sources").then()
                .statusCode(400).body("errors.field", contains("nacosAccessKey", "nacosAddressServer", "nacosSecretKey"));
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();

        asOperator().queryParam("clusters", "dev,prod").queryParam("dryRun", "true").contentType("application/json")
                .body(keyed).post("/api/v1/service-sources").then().statusCode(200)
                .body(not(containsString("top-secret"))).body(containsString("[redacted]"));
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json").body(keyed)
                .post("/api/v1/service-sources").then().statusCode(201).body(not(containsString("top-secret")));
        for (String c : KUBERNETES) {
            JsonNode r = object(c, MCP_BRIDGES, "default").at("/spec/registries/0");
            assertThat(r.path("nacosAccessKey").asText()).isEqualTo("AK-top-secret");
            assertThat(r.path("nacosSecretKey").asText()).isEqualTo("SK-top-secret");
            assertThat(r.path("nacosAddressServer").asText()).isEqualTo("http://addr.example.com:8080");
        }
        for (var caller : List.of(asViewer(), asOperator())) {
            caller.get("/api/v1/service-sources/nacos-keys").then().statusCode(200)
                    .body("nacosAccessKey", equalTo("[redacted]")).body("nacosSecretKey", equalTo("[redacted]"))
                    .body(not(containsString("top-secret")));
            caller.get("/api/v1/service-sources").then().statusCode(200).body(not(containsString("top-secret")));
            caller.queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                    .body(containsString("nacos-keys")).body(not(containsString("top-secret")));
        }
        asAdmin().get("/api/v1/service-sources/nacos-keys").then().statusCode(200)
                .body("nacosAccessKey", equalTo("AK-top-secret"));
        // a PUT sending the placeholder back keeps the stored key
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json")
                .body("{\"nacosAccessKey\": \"[redacted]\", \"port\": 8850}").put("/api/v1/service-sources/nacos-keys")
                .then().statusCode(200).body(not(containsString("top-secret")));
        assertThat(object("dev", MCP_BRIDGES, "default").at("/spec/registries/0/nacosAccessKey").asText())
                .isEqualTo("AK-top-secret");
    }

    @Test
    void badSourcesAre400sNamingTheFieldAndNothingIsWritten() {
        Map<String, String> bad = Map.of(
                "type", "{\"name\": \"x1\", \"type\": \"etcd\", \"domain\": \"etcd.example.com\", \"port\": 2379}",
                "nacosGroups", "{\"name\": \"x2\", \"type\": \"nacos3\", \"domain\": \"n.example.com\", \"port\": 8848}",
                "port", "{\"name\": \"x3\", \"type\": \"eureka\", \"domain\": \"e.example.com\", \"port\": 70000}",
                "domain", "{\"name\": \"x4\", \"type\": \"static\", \"domain\": \"10.0.0.1\", \"port\": 80}",
                "consulDatacenter", "{\"name\": \"x5\", \"type\": \"consul\", \"domain\": \"c.example.com\", \"port\": 8500}",
                "proxyName", "{\"name\": \"x6\", \"type\": \"eureka\", \"domain\": \"e.example.com\", \"port\": 8761,"
                        + " \"proxyName\": \"corp-proxy\"}",
                "vport.services[0].value", "{\"name\": \"x7\", \"type\": \"dns\", \"domain\": \"a.example.com\","
                        + " \"port\": 443, \"vport\": {\"services\": [{\"name\": \"s\", \"value\": 0}]}}",
                "zkServicesPath", "{\"name\": \"x8\", \"type\": \"nacos\", \"domain\": \"n.example.com\", \"port\": 8848,"
                        + " \"nacosGroups\": [\"g\"], \"zkServicesPath\": [\"/dubbo\"]}",
                "consulRefreshInterval", "{\"name\": \"x9\", \"type\": \"consul\", \"domain\": \"c.example.com\","
                        + " \"port\": 8500, \"consulDatacenter\": \"dc\", \"consulRefreshInterval\": 5}");
        Map<String, String> before = AiFleet.snapshot();
        bad.forEach((field, body) -> asOperator().contentType("application/json").body(body)
                .post("/api/v1/service-sources").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field)));
        Map<String, String> badProxies = Map.of(
                "name", "{\"name\": \"9proxy\", \"type\": \"http\", \"serverAddress\": \"p.example.com\", \"serverPort\": 80}",
                "serverPort", "{\"name\": \"p\", \"type\": \"http\", \"serverAddress\": \"p.example.com\", \"serverPort\": 0}",
                "serverAddress", "{\"name\": \"p\", \"type\": \"http\", \"serverAddress\": \"not a host\", \"serverPort\": 80}",
                "connectTimeout", "{\"name\": \"p\", \"type\": \"http\", \"serverAddress\": \"p.example.com\","
                        + " \"serverPort\": 80, \"connectTimeout\": -1}");
        badProxies.forEach((field, body) -> asOperator().contentType("application/json").body(body)
                .post("/api/v1/proxy-servers").then().statusCode(400).body("errors.field", hasItem(field)));
        for (String name : List.of("aB", "a?b", "a@b")) {
            asOperator().contentType("application/json").body("{\"name\": \"" + name + "\", \"type\": \"http\","
                            + " \"serverAddress\": \"p.example.com\", \"serverPort\": 80}")
                    .post("/api/v1/proxy-servers").then().statusCode(400).body("errors.field", hasItem("name"));
        }
        assertThat(AiFleet.snapshot()).isEqualTo(before);
        assertThat(AiFleet.console().writes()).isEmpty();
        // the brief's mcp-bridge body still works verbatim
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                { "name": "nacos-bridge", "nacos": [{ "name": "nacos-prod", "address": "nacos-prod.example.com:8848", "namespaceId": "prod" }] }""")
                .post("/api/v1/mcp-bridges").then().statusCode(201);
    }

    @Test
    void aProxyServerInUseIsNotDeleted() {
        asOperator().contentType("application/json").body(PROXY).post("/api/v1/proxy-servers").then()
                .statusCode(201);
        asOperator().contentType("application/json").body(EVERY_TYPE.get("static-a")[0])
                .post("/api/v1/service-sources").then().statusCode(201);
        asOperator().delete("/api/v1/proxy-servers/corp-proxy").then()
                .body("results.find { it.cluster == 'dev' }.error.status", equalTo(409))
                .body("results.find { it.cluster == 'dev' }.error.detail", containsString("static-a"))
                .body("results.find { it.cluster == 'test' }.status", equalTo("error"));
        for (String c : KUBERNETES) {
            assertThat(object(c, MCP_BRIDGES, "default").at("/spec/proxies")).as(c).hasSize(1);
        }
        assertThat(AiFleet.console().proxyServer("corp-proxy")).isNotNull();

        asOperator().delete("/api/v1/service-sources/static-a").then().statusCode(200);
        asOperator().contentType("application/json").body("{\"serverPort\": 8080}")
                .put("/api/v1/proxy-servers/corp-proxy").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        assertThat(object("dev", MCP_BRIDGES, "default").at("/spec/proxies/0/serverPort").asInt()).isEqualTo(8080);
        assertThat(AiFleet.console().proxyServer("corp-proxy").path("serverPort").asInt()).isEqualTo(8080);
        asOperator().delete("/api/v1/proxy-servers/corp-proxy").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        for (String c : KUBERNETES) {
            assertThat(object(c, MCP_BRIDGES, "default").at("/spec/proxies")).as(c).isEmpty();
        }
        assertThat(AiFleet.console().proxyServer("corp-proxy")).isNull();
    }

    @Test
    void aRolloutAndAnExportCarryTheEntries() {
        // another writer's registry in prod stays through the rollout
        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body(EVERY_TYPE.get("eureka-a")[0]).post("/api/v1/service-sources").then().statusCode(201);
        String id = asOperator().contentType("application/json").body(Map.of("strategy", "selective",
                "clusters", List.of("dev", "prod"), "waitTime", "0s",
                "proxyServers", List.of(Map.of("name", "corp-proxy", "type", "http",
                        "serverAddress", "10.1.1.1", "serverPort", 3128)),
                "serviceSources", List.of(Map.of("name", "legacy", "type", "static",
                        "domain", "10.0.0.1:8080", "port", 80, "proxyName", "corp-proxy"))))
                .post("/api/v1/rollouts").then().statusCode(202).extract().jsonPath().getString("id");
        assertThat(Poll.until(() -> asViewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract()
                .jsonPath().getString("state"), state -> List.of("succeeded", "failed", "rolled-back")
                .contains(state))).isEqualTo("succeeded");
        for (String c : KUBERNETES) {
            JsonNode spec = object(c, MCP_BRIDGES, "default").path("spec");
            assertThat(spec.at("/proxies/0/serverAddress").asText()).as(c).isEqualTo("10.1.1.1");
            assertThat(spec.path("registries").toString()).as(c).contains("\"legacy\"");
        }
        assertThat(object("prod", MCP_BRIDGES, "default").at("/spec/registries").toString()).contains("eureka-a");

        // dev's bridge exported and applied to prod: prod holds dev's entries
        String export = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(export).contains("kind: McpBridge").contains("legacy").contains("corp-proxy");
        asAdmin().queryParam("clusters", "prod").queryParam("force", "true").contentType("application/yaml")
                .body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/manifests").then()
                .statusCode(200);
        assertThat(object("prod", MCP_BRIDGES, "default").path("spec"))
                .isEqualTo(object("dev", MCP_BRIDGES, "default").path("spec"));
    }

    @Test
    void theBridgeBodyWrittenToDefaultKeepsProxiesAndRegistriesItCannotSay() {
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(PROXY)
                .post("/api/v1/proxy-servers").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body(EVERY_TYPE.get("zk-a")[0])
                .post("/api/v1/service-sources").then().statusCode(201);
        // what the bridge body has no field for stays on a registry it names
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                {"name": "nacos-prod", "type": "nacos2", "domain": "nacos-old.example.com", "port": 8848,
                 "nacosGroups": ["DEFAULT_GROUP"], "sni": "nacos.internal.example.com",
                 "authSecretName": "nacos-auth"}""")
                .post("/api/v1/service-sources").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json").body("""
                {"nacos": [{"name": "nacos-prod", "address": "nacos-prod.example.com:8848"}]}""")
                .put("/api/v1/mcp-bridges/default").then().statusCode(200);
        JsonNode spec = object("dev", MCP_BRIDGES, "default").path("spec");
        assertThat(spec.path("registries").get(0).path("sni").asText()).isEqualTo("nacos.internal.example.com");
        assertThat(spec.path("registries").get(0).path("authSecretName").asText()).isEqualTo("nacos-auth");
        assertThat(spec.path("registries").get(0).path("domain").asText()).isEqualTo("nacos-prod.example.com");
        assertThat(spec.path("proxies")).isEqualTo(json("""
                [{"type": "http", "name": "corp-proxy", "serverAddress": "proxy.corp.example.com",
                  "serverPort": 3128, "connectTimeout": 1200}]"""));
        assertThat(spec.path("registries").get(0).path("name").asText()).isEqualTo("nacos-prod");
        assertThat(spec.path("registries").get(1)).isEqualTo(json(EVERY_TYPE.get("zk-a")[1]));
    }
}
