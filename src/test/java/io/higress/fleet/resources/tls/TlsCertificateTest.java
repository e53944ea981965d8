package io.higress.fleet.resources.tls;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static io.higress.fleet.sim.FleetApi.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.higress.fleet.sim.TestCertificates;
import io.higress.fleet.sim.TestCertificates.Issued;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS certificates across the fleet as Secrets of type kubernetes.io/tls, with real certificates: CRUD field by field
 * in each API server, the key write-only for everyone (answers, diffs, reads, export), the checks (unreadable PEM,
 * mismatched key, expired unless force), the export → manifests round trip keeping each cluster's key, and the
 * expiry view over what is stored and what the gateways serve.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true)
class TlsCertificateTest {
    static final List<String> ALL = List.of("dev", "prod", "test");
    static final String NS = "higress-system";
    static final ObjectMapper JSON = new ObjectMapper();

    static Secret secret(String cluster, String name) {
        return SimulatedFleetResource.fleet().client(cluster).secrets().inNamespace(NS).withName(name).get();
    }

    static String decoded(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }

    static Map<String, String> secrets() {
        Map<String, String> out = new TreeMap<>();
        ALL.forEach(c -> SimulatedFleetResource.fleet().client(c).secrets().inNamespace(NS).list().getItems()
                .forEach(s -> out.put(c + "/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion())));
        return out;
    }

    static String body(String name, Issued cert, String key) {
        ObjectNode b = JSON.createObjectNode().put("name", name).put("cert", cert.certPem());
        if (key != null) {
            b.put("key", key);
        }
        return b.toString();
    }

    /** No trace of the key: neither its PEM body nor the Secret's base64 of it. */
    static void assertNoKey(String text, Issued cert) {
        String pemBody = cert.keyPem().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(text).doesNotContain(pemBody).doesNotContain("PRIVATE KEY")
                .doesNotContain(Base64.getEncoder().encodeToString(cert.keyPem().getBytes(StandardCharsets.UTF_8))
                        .substring(0, 40));
    }

    @AfterEach
    void gatewaysServeTheirDefault() {
        SimulatedFleetResource.fleet().gateways().forEach(g -> g.setServedCertificates(null));
    }

    @Test
    void createReadUpdateDeleteAcrossTheFleetWithTheKeyNeverAnswered() {
        Issued cert = TestCertificates.valid("shop.example.com", 90, "shop.example.com", "*.shop.example.com");
        String created = asAdmin().contentType("application/json").body(body("shop-cert", cert, cert.keyPem()))
                .post("/api/v1/tls-certificates").then().statusCode(201)
                .body("results.cluster", contains("dev", "prod", "test"))
                .body("results.kind", everyItem(equalTo("Secret")))
                .body("results.status", everyItem(equalTo("created")))
                .extract().asString();
        assertNoKey(created, cert);
        for (String c : ALL) {
            Secret s = secret(c, "shop-cert");
            assertThat(s).as(c).isNotNull();
            assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
            assertThat(decoded(s, "tls.crt")).isEqualTo(cert.certPem());
            assertThat(decoded(s, "tls.key")).isEqualTo(cert.keyPem());
            assertThat(s.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "higress-fleet")
                    .containsEntry("higress.io/domain_shop.example.com", "true")
                    .containsEntry("higress.io/domain_wildcard.shop.example.com", "true");
        }
        String read = asAdmin().get("/api/v1/tls-certificates/shop-cert").then().statusCode(200)
                .body("clusters", contains("dev", "prod", "test")).body("managed", equalTo(true))
                .body("drift", equalTo(false))
                .body("domains", contains("shop.example.com", "*.shop.example.com"))
                .body("serialNumber", equalTo(cert.serialHex()))
                .body("validityEnd", equalTo(cert.certificate().getNotAfter().toInstant().toString()))
                .body("cert", equalTo(cert.certPem()))
                .extract().asString();
        assertThat(JsonPath.from(read).getMap("")).doesNotContainKey("key");
        assertNoKey(read, cert);
        assertNoKey(asViewer().get("/api/v1/tls-certificates").then().statusCode(200).extract().asString(), cert);

        // a new certificate with the same key: the stored key is kept (and checked)
        Issued renewed = TestCertificates.valid("shop.example.com", 180, "shop.example.com");
        asOperator().queryParam("clusters", "prod").contentType("application/json")
                .body(JSON.createObjectNode().put("cert", renewed.certPem()).toString())
                .put("/api/v1/tls-certificates/shop-cert").then().statusCode(400)
                .body("errors.field", contains("key"))
                .body("errors[0].message", containsString("does not match the new one"));
        String updated = asAdmin().queryParam("clusters", "prod").contentType("application/json")
                .body(JSON.createObjectNode().put("cert", renewed.certPem()).put("key", renewed.keyPem()).toString())
                .put("/api/v1/tls-certificates/shop-cert").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].changes.path", hasItem("/data/tls.key"))
                .body("results[0].changes.find { it.path == '/data/tls.key' }.to", startsWith("sha256:"))
                .extract().asString();
        assertNoKey(updated, cert);
        assertNoKey(updated, renewed);
        assertThat(decoded(secret("prod", "shop-cert"), "tls.key")).isEqualTo(renewed.keyPem());
        assertThat(decoded(secret("dev", "shop-cert"), "tls.key")).isEqualTo(cert.keyPem());
        asViewer().get("/api/v1/tls-certificates/shop-cert").then().statusCode(200).body("drift", equalTo(true))
                .body("copies.prod.serialNumber", equalTo(renewed.serialHex()))
                .body("copies.dev.serialNumber", equalTo(cert.serialHex()));

        asOperator().delete("/api/v1/tls-certificates/shop-cert").then().statusCode(200)
                .body("results.status", everyItem(equalTo("deleted")));
        ALL.forEach(c -> assertThat(secret(c, "shop-cert")).as(c).isNull());
    }

    @Test
    void mismatchedUnreadableAndExpiredCertificatesAreRefusedNamingTheFieldWithNothingWritten() {
        Issued a = TestCertificates.valid("a.example.com", 30, "a.example.com");
        Issued b = TestCertificates.valid("b.example.com", 30, "b.example.com");
        Map<String, String> before = secrets();
        asOperator().contentType("application/json").body(body("mixed", a, b.keyPem()))
                .post("/api/v1/tls-certificates").then().statusCode(400)
                .body("errors.field", contains("key"))
                .body("errors[0].message", containsString("does not match the certificate"));
        asOperator().contentType("application/json")
                .body("{\"name\": \"garbage\", \"cert\": "
                        + "\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\", \"key\": \"not a key\"}")
                .post("/api/v1/tls-certificates").then().statusCode(400)
                .body("errors.field", hasItem("cert")).body("errors.field", hasItem("key"));
        asOperator().contentType("application/json").body("{\"name\": \"Bad_Name\", \"key\": \"x\"}")
                .post("/api/v1/tls-certificates").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("cert"));
        asOperator().contentType("application/json").body(body("no-key", a, null))
                .post("/api/v1/tls-certificates").then().statusCode(400).body("errors.field", contains("key"));
        Issued old = TestCertificates.expired("old.example.com", 3, "old.example.com");
        asOperator().contentType("application/json").body(body("old-cert", old, old.keyPem()))
                .post("/api/v1/tls-certificates").then().statusCode(400)
                .body("errors.field", contains("cert"))
                .body("errors[0].message", containsString("expired"))
                .body("errors[0].message", containsString("force=true"));
        assertThat(secrets()).isEqualTo(before);

        asOperator().queryParam("force", "true").queryParam("clusters", "dev").contentType("application/json")
                .body(body("old-cert", old, old.keyPem())).post("/api/v1/tls-certificates").then().statusCode(201);
        assertThat(decoded(secret("dev", "old-cert"), "tls.crt")).isEqualTo(old.certPem());
        asOperator().queryParam("clusters", "dev").delete("/api/v1/tls-certificates/old-cert").then().statusCode(200);
    }

    @Test
    void keysInPkcs1AndSec1FormAreAccepted() {
        Issued rsa = TestCertificates.issue("RSA", "rsa.example.com", List.of("rsa.example.com"),
                java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(86_400 * 30L));
        Issued ec = TestCertificates.valid("ec.example.com", 30, "ec.example.com");
        assertThat(rsa.legacyKeyPem()).contains("BEGIN RSA PRIVATE KEY");
        assertThat(ec.legacyKeyPem()).contains("BEGIN EC PRIVATE KEY");
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(body("rsa-cert", rsa, rsa.legacyKeyPem())).post("/api/v1/tls-certificates").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(body("ec-cert", ec, ec.legacyKeyPem())).post("/api/v1/tls-certificates").then().statusCode(201);
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body(body("rsa-wrong", rsa, ec.legacyKeyPem())).post("/api/v1/tls-certificates").then()
                .statusCode(400)
                .body("errors.field", contains("key"));
        asOperator().queryParam("clusters", "dev").delete("/api/v1/tls-certificates/rsa-cert").then().statusCode(200);
        asOperator().queryParam("clusters", "dev").delete("/api/v1/tls-certificates/ec-cert").then().statusCode(200);
    }

    @Test
    void theExportNeverCarriesTheKeyAndAppliesWhereTheClusterHoldsOne() {
        Issued cert = TestCertificates.valid("copy.example.com", 60, "copy.example.com");
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json")
                .body(body("copy-cert", cert, cert.keyPem())).post("/api/v1/tls-certificates").then().statusCode(201);
        String export = asAdmin().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        assertThat(export).contains("kind: Secret", "type: kubernetes.io/tls", "name: copy-cert",
                "tls.key: \"[redacted]\"");
        assertNoKey(export, cert);
        // prod holds the same certificate and its key: the placeholder keeps it
        asOperator().queryParam("clusters", "prod").contentType("application/yaml")
                .body(export.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(200)
                .body("results.find { it.name == 'copy-cert' }.status", equalTo("unchanged"));
        assertThat(decoded(secret("prod", "copy-cert"), "tls.key")).isEqualTo(cert.keyPem());
        // test holds none: nothing to keep, the whole request is a 400 and nothing is written
        Map<String, String> before = secrets();
        asOperator().queryParam("clusters", "test").contentType("application/yaml")
                .body(export.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(400)
                .body("errors.field", hasItem("data.tls.key"));
        assertThat(secrets()).isEqualTo(before);
        // a manifest Secret whose key is not the certificate's is refused before any cluster is read
        String mixed = export.replace("\"[redacted]\"", Base64.getEncoder().encodeToString(
                TestCertificates.valid("x.example.com", 5, "x.example.com").keyPem().getBytes(StandardCharsets.UTF_8)));
        asOperator().queryParam("clusters", "test").contentType("application/yaml")
                .body(mixed.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.endsWith(".data.tls.key")));
        asOperator().contentType("application/yaml").body("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: opaque-one
                type: Opaque
                data:
                  password: c2VjcmV0
                """.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(400)
                .body("errors[0].message", containsString("type: kubernetes.io/tls"));
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/tls-certificates/copy-cert").then()
                .statusCode(200);
    }

    @Test
    void theExpiryViewSaysWhatExpiresWhereAndWhereGatewaysServeAnotherCertificate() {
        Issued soon = TestCertificates.valid("soon.example.com", 10, "soon.example.com");
        Issued older = TestCertificates.valid("soon.example.com", 3, "soon.example.com");
        Issued later = TestCertificates.valid("later.example.com", 200, "later.example.com");
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json")
                .body(body("soon-cert", soon, soon.keyPem())).post("/api/v1/tls-certificates").then().statusCode(201);
        asOperator().queryParam("clusters", "dev,prod").contentType("application/json")
                .body(body("later-cert", later, later.keyPem())).post("/api/v1/tls-certificates").then()
                .statusCode(201);
        var fleet = SimulatedFleetResource.fleet();
        fleet.gatewayNames("dev").forEach(g -> fleet.gateway("dev", g).setServedCertificates(
                List.of(soon.certificate(), later.certificate())));
        SimulatedGateway stale = fleet.gateway("prod", fleet.gatewayNames("prod").get(0));
        stale.setServedCertificates(List.of(older.certificate(), later.certificate()));

        JsonPath view = JsonPath.from(asViewer().queryParam("clusters", "dev,prod")
                .queryParam("expiringWithin", "30d").get("/api/v1/tls-certificates").then().statusCode(200)
                .body("expiringWithin", equalTo("30d"))
                .body("certificates.name", contains("soon-cert", "soon-cert"))
                .body("certificates.cluster", contains("dev", "prod"))
                .body("certificates[0].daysLeft", org.hamcrest.Matchers.either(equalTo(9)).or(equalTo(10)))
                .body("certificates[0].domains", contains("soon.example.com"))
                .body("certificates[0].expired", equalTo(false))
                .extract().asString());
        assertThat(view.getList("served.findAll { it.cluster == 'dev' }.certificate")).containsOnly("soon-cert");
        assertThat(view.getList("served.findAll { it.cluster == 'dev' }")).hasSize(fleet.gatewayNames("dev").size());
        assertThat(view.getString("served.find { it.gateway == '" + stale.name() + "' }.serialNumber"))
                .isEqualTo(older.serialHex());
        assertThat(view.getList("differences")).hasSize(1);
        assertThat(view.getString("differences[0].cluster")).isEqualTo("prod");
        assertThat(view.getString("differences[0].gateway")).isEqualTo(stale.name());
        assertThat(view.getString("differences[0].certificate")).isEqualTo("soon-cert");
        assertThat(view.getString("differences[0].stored.serialNumber")).isEqualTo(soon.serialHex());
        assertThat(view.getString("differences[0].served.serialNumber")).isEqualTo(older.serialHex());
        assertThat(view.getBoolean("partial")).isFalse();

        asViewer().queryParam("clusters", "dev,prod").queryParam("expiringWithin", "2d")
                .get("/api/v1/tls-certificates").then().statusCode(200)
                .body("certificates", hasSize(0)).body("differences", hasSize(1));
        asViewer().queryParam("expiringWithin", "30x").get("/api/v1/tls-certificates").then().statusCode(400)
                .body("errors.field", contains("expiringWithin"));
        asViewer().queryParam("expiringWithin", "30d").get("/api/v1/routes").then().statusCode(400)
                .body("errors.field", contains("expiringWithin"));
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/tls-certificates/soon-cert").then()
                .statusCode(200);
        asOperator().queryParam("clusters", "dev,prod").delete("/api/v1/tls-certificates/later-cert").then()
                .statusCode(200);
    }
}
