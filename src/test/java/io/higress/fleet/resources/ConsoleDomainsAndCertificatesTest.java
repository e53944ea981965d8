package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.TestCertificates;
import io.higress.fleet.sim.TestCertificates.Issued;
import io.higress.fleet.sim.console.ConsoleSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Domains and TLS certificates where {@code test} is managed through its Higress Console and {@code prod} through
 * Kubernetes: the console gets its {@code /v1/domains} and {@code /v1/tls-certificates} bodies, both copies read as
 * one object without drift (a certificate compared on what it says: the console never answers it), the key never
 * answered, and a console PUT without the key (which the console cannot keep) a 400 with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "console-managed", value = "test"),
        @ResourceArg(name = "fleet.discovery.console-status-ttl", value = "0s")})
class ConsoleDomainsAndCertificatesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bothKindsReachTheConsoleAndReadAsOneObjectWithTheKubernetesCopy() {
        ConsoleSimulator console = SimulatedFleetResource.fleet().console("test");
        Issued cert = TestCertificates.valid("shop.example.com", 90, "shop.example.com");
        String body = JSON.createObjectNode().put("name", "shop-cert").put("cert", cert.certPem())
                .put("key", cert.keyPem()).toString();
        String created = asAdmin().queryParam("clusters", "prod,test").contentType("application/json").body(body)
                .post("/api/v1/tls-certificates").then().statusCode(201)
                .body("results.cluster", contains("prod", "test")).extract().asString();
        assertThat(created).doesNotContain(cert.keyPem().lines().toList().get(1));
        assertThat(console.certificate("shop-cert").path("key").asText()).isEqualTo(cert.keyPem());
        assertThat(console.certificate("shop-cert").path("cert").asText()).isEqualTo(cert.certPem());
        String read = asAdmin().queryParam("clusters", "prod,test").get("/api/v1/tls-certificates/shop-cert").then()
                .statusCode(200).body("clusters", contains("prod", "test")).body("drift", equalTo(false))
                .body("domains", contains("shop.example.com")).extract().asString();
        assertThat(read).doesNotContain(cert.keyPem().lines().toList().get(1)).doesNotContain("\"key\"");
        // the console's start-up certificate is not the fleet's
        asViewer().queryParam("clusters", "test").get("/api/v1/tls-certificates").then().statusCode(200)
                .body("items.find { it.name == 'default' }.managed", equalTo(false));

        Issued renewed = TestCertificates.valid("shop.example.com", 180, "shop.example.com");
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body(JSON.createObjectNode().put("cert", renewed.certPem()).toString())
                .put("/api/v1/tls-certificates/shop-cert").then().statusCode(400)
                .body("errors.field", contains("key"));
        assertThat(console.certificate("shop-cert").path("cert").asText()).isEqualTo(cert.certPem());

        asOperator().queryParam("clusters", "prod,test").contentType("application/json")
                .body("{\"name\": \"shop.example.com\", \"enableHttps\": \"force\", \"certIdentifier\": \"shop-cert\"}")
                .post("/api/v1/domains").then().statusCode(201);
        assertThat(console.domain("shop.example.com").path("enableHttps").asText()).isEqualTo("force");
        assertThat(console.domain("shop.example.com").path("certIdentifier").asText()).isEqualTo("shop-cert");
        asViewer().queryParam("clusters", "prod,test").get("/api/v1/domains/shop.example.com").then().statusCode(200)
                .body("clusters", contains("prod", "test")).body("drift", equalTo(false));
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"enableHttps\": \"on\"}").put("/api/v1/domains/shop.example.com").then().statusCode(200);
        assertThat(console.domain("shop.example.com").path("enableHttps").asText()).isEqualTo("on");
        assertThat(console.domain("shop.example.com").path("certIdentifier").asText()).isEqualTo("shop-cert");
        asViewer().queryParam("clusters", "prod,test").get("/api/v1/domains/shop.example.com").then().statusCode(200)
                .body("drift", equalTo(true));
        asViewer().queryParam("clusters", "test").get("/api/v1/domains").then().statusCode(200)
                .body("items.find { it.name == 'higress-default-domain' }.managed", equalTo(false));

        asOperator().queryParam("clusters", "prod,test").delete("/api/v1/domains/shop.example.com").then()
                .statusCode(200);
        assertThat(console.domain("shop.example.com")).isNull();
        asOperator().queryParam("clusters", "prod,test").delete("/api/v1/tls-certificates/shop-cert").then()
                .statusCode(200);
        assertThat(console.certificate("shop-cert")).isNull();
        asViewer().queryParam("clusters", "prod,test").get("/api/v1/tls-certificates").then().statusCode(200)
                .body("items.name", not(hasItem("shop-cert"))).body(not(containsString("BEGIN")));
    }
}
