package io.higress.fleet.resources.domain;

import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Domains across the fleet as the console's domain ConfigMaps: create, read with drift, merge PUT, delete, field by
 * field in each API server; a wildcard host; 400s naming the field with nothing written; the console's
 * ConfigMap shape in manifests and export; ConfigMaps that are not domains are not read as domains.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class DomainTest {
    static final List<String> ALL = List.of("dev", "prod", "test");
    static final String NS = "higress-system";

    static ConfigMap configMap(String cluster, String name) {
        return SimulatedFleetResource.fleet().client(cluster).configMaps().inNamespace(NS).withName(name).get();
    }

    static Map<String, String> configMaps() {
        Map<String, String> out = new TreeMap<>();
        ALL.forEach(c -> SimulatedFleetResource.fleet().client(c).configMaps().inNamespace(NS).list().getItems()
                .forEach(m -> out.put(c + "/" + m.getMetadata().getName(), m.getMetadata().getResourceVersion())));
        return out;
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleetFieldByField() {
        asOperator().contentType("application/json")
                .body("{\"name\": \"example.com\", \"enableHttps\": \"on\", \"certIdentifier\": \"example-cert\"}")
                .post("/api/v1/domains").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("Domain")))
                .body("results.status", everyItem(equalTo("created")))
                .body("results[0].changes.path", hasItem("/data"));
        for (String c : ALL) {
            ConfigMap m = configMap(c, "domain-example.com");
            assertThat(m).as(c).isNotNull();
            assertThat(m.getMetadata().getLabels()).containsEntry("higress.io/config-map-type", "domain")
                    .containsEntry("app.kubernetes.io/managed-by", "higress-fleet");
            assertThat(m.getData()).isEqualTo(Map.of("domain", "example.com", "enableHttps", "on",
                    "cert", "example-cert"));
        }
        asViewer().get("/api/v1/domains").then().statusCode(200)
                .body("items.find { it.name == 'example.com' }.clusters", contains("dev", "prod", "test"))
                .body("items.find { it.name == 'example.com' }.enableHttps", equalTo("on"))
                .body("items.find { it.name == 'example.com' }.certIdentifier", equalTo("example-cert"))
                .body("items.find { it.name == 'example.com' }.managed", equalTo(true))
                .body("items.find { it.name == 'example.com' }.drift", equalTo(false));

        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body("{\"enableHttps\": \"force\"}").put("/api/v1/domains/example.com").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].changes[0].path", equalTo("/data/enableHttps"))
                .body("results[0].changes[0].to", equalTo("force"));
        assertThat(configMap("prod", "domain-example.com").getData()).containsEntry("enableHttps", "force")
                .containsEntry("cert", "example-cert");
        assertThat(configMap("dev", "domain-example.com").getData()).containsEntry("enableHttps", "on");
        asViewer().get("/api/v1/domains/example.com").then().statusCode(200)
                .body("drift", equalTo(true)).body("copies.prod.enableHttps", equalTo("force"))
                .body("copies.dev.enableHttps", equalTo("on"));
        asOperator().contentType("application/json").body("{\"enableHttps\": \"off\", \"certIdentifier\": null}")
                .put("/api/v1/domains/example.com").then().statusCode(200)
                .body("results.status", everyItem(equalTo("updated")));
        ALL.forEach(c -> assertThat(configMap(c, "domain-example.com").getData()).as(c)
                .isEqualTo(Map.of("domain", "example.com", "enableHttps", "off")));

        asOperator().delete("/api/v1/domains/example.com").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(configMap(c, "domain-example.com")).as(c).isNull());
        asViewer().get("/api/v1/domains/example.com").then().statusCode(404);
    }

    @Test
    void aWildcardDomainIsItsConsoleConfigMapAndIsAddressedByItsHost() {
        asOperator().contentType("application/json").body("{\"name\": \"*.wild.example.com\"}")
                .post("/api/v1/domains").then().statusCode(201);
        ConfigMap m = configMap("dev", "domain-wildcard.wild.example.com");
        assertThat(m.getData()).isEqualTo(Map.of("domain", "*.wild.example.com", "enableHttps", "off"));
        asViewer().get("/api/v1/domains/*.wild.example.com").then().statusCode(200)
                .body("name", equalTo("*.wild.example.com")).body("enableHttps", equalTo("off"))
                .body("clusters", contains("dev", "prod", "test"));
        asViewer().get("/api/v1/domains/not a host").then().statusCode(400).body("errors.field", hasItem("name"));
        asOperator().delete("/api/v1/domains/*.wild.example.com").then().statusCode(200);
        ALL.forEach(c -> assertThat(configMap(c, "domain-wildcard.wild.example.com")).as(c).isNull());
    }

    @Test
    void badInputIsA400NamingEachFieldAndNothingIsWritten() {
        Map<String, String> before = configMaps();
        asOperator().contentType("application/json")
                .body("{\"name\": \"bad_domain!\", \"enableHttps\": \"sometimes\", \"certIdentifier\": \"Not_A_Name\"}")
                .post("/api/v1/domains").then().statusCode(400)
                .body("errors.field", hasItems("name", "enableHttps", "certIdentifier"));
        asOperator().contentType("application/json").body("{\"name\": \"secure.example.com\", \"enableHttps\": \"on\"}")
                .post("/api/v1/domains").then().statusCode(400)
                .body("errors.field", contains("certIdentifier"))
                .body("errors[0].message", containsString("enableHttps is on"));
        asOperator().contentType("application/json").body("{\"name\": \"typo.example.com\", \"enableHTTPS\": \"on\"}")
                .post("/api/v1/domains").then().statusCode(400).body("errors.field", hasItem("enableHTTPS"));
        assertThat(configMaps()).isEqualTo(before);

        asOperator().contentType("application/json").body("{\"name\": \"merge.example.com\"}")
                .post("/api/v1/domains").then().statusCode(201);
        Map<String, String> created = configMaps();
        asOperator().contentType("application/json").body("{\"enableHttps\": \"force\"}")
                .put("/api/v1/domains/merge.example.com").then().statusCode(400)
                .body("errors.field", contains("certIdentifier"));
        assertThat(configMaps()).isEqualTo(created);
        asOperator().delete("/api/v1/domains/merge.example.com").then().statusCode(200);
    }

    @Test
    void configMapsThatAreNotDomainsAreNotReadAsDomainsNorExported() {
        ConfigMap other = new ConfigMapBuilder().withNewMetadata().withName("domain-other.example.com")
                .withNamespace(NS).addToLabels("app.kubernetes.io/managed-by", "higress-fleet").endMetadata()
                .addToData("domain", "other.example.com").build();
        SimulatedFleetResource.fleet().client("dev").configMaps().inNamespace(NS).resource(other).create();
        asViewer().queryParam("clusters", "dev").get("/api/v1/domains/other.example.com").then().statusCode(404);
        asViewer().queryParam("clusters", "dev").get("/api/v1/domains").then().statusCode(200)
                .body("items.name", not(hasItem("other.example.com")));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/domains/other.example.com").then().statusCode(404);
        assertThat(configMap("dev", "domain-other.example.com")).isNotNull();
        asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .body(not(containsString("domain-other.example.com")));
        SimulatedFleetResource.fleet().client("dev").configMaps().inNamespace(NS).withName("domain-other.example.com")
                .delete();
    }

    @Test
    void exportedDomainsApplyElsewhereAndAConfigMapThatIsNoDomainIsA400() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"name\": \"copy.example.com\", \"enableHttps\": \"on\", \"certIdentifier\": \"copy-cert\"}")
                .post("/api/v1/domains").then().statusCode(201);
        String export = asViewer().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(export).contains("kind: ConfigMap", "name: domain-copy.example.com",
                "higress.io/config-map-type: domain");
        asOperator().queryParam("clusters", "prod").contentType("application/yaml")
                .body(export.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(201).body("results.status", hasItem("created"));
        assertThat(configMap("prod", "domain-copy.example.com").getData()).containsEntry("cert", "copy-cert");
        asViewer().get("/api/v1/domains/copy.example.com").then().statusCode(200)
                .body("clusters", contains("dev", "prod")).body("drift", equalTo(false));

        asOperator().queryParam("clusters", "prod").contentType("application/yaml").body("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: just-a-config
                data:
                  a: b
                """.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(400)
                .body("errors.field", hasItem("documents[0]"))
                .body("errors[0].message", containsString("higress.io/config-map-type: domain"));
        assertThat(configMap("prod", "just-a-config")).isNull();
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/domains/copy.example.com").then()
                .statusCode(200);
    }
}
