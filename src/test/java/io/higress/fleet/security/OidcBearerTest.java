package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.FleetApi;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens of a real OIDC provider started for the test: the provider's groups decide the caller's roles and
 * bindings, tokens it did not sign for this facade are a 401, and local API keys keep working beside them.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcBearerTest {

    static final String ROUTE = "{\"name\": \"oidc-route\", \"domain\": [\"oidc.example.com\"], "
            + "\"paths\": [\"/api/*\"], \"serviceName\": \"example-service\", \"servicePort\": 8080}";

    static String token(String issuer, String subject, String audience, List<String> groups, long expirySeconds) {
        return OidcProviderResource.server().issueToken(issuer, subject, audience, Map.of("groups", groups),
                expirySeconds).serialize();
    }

    static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    @Test
    void aBotOfTheDevTeamOperatesDevOnly() {
        String bot = token(OidcProviderResource.ISSUER, "ci-bot", OidcProviderResource.CLIENT, List.of("dev-team"),
                3600);
        as(bot).get("/api/v1/user/me").then().statusCode(200).body("username", equalTo("oidc:ci-bot"))
                .body("roles", org.hamcrest.Matchers.empty()).body("bindings.role", contains("operator"))
                .body("bindings.selector", contains("env=dev"));
        long prodWrites = SimulatedFleetResource.fleet().kubernetesWrites("prod");
        Response refused = as(bot).contentType("application/json").body(ROUTE).post("/api/v1/routes?clusters=prod");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("detail")).contains("prod");
        as(bot).contentType("application/json").body(ROUTE).post("/api/v1/routes?clusters=dev").then()
                .statusCode(201).body("results.cluster", contains("dev"));
        assertThat(SimulatedFleetResource.fleet().kubernetesWrites("prod")).isEqualTo(prodWrites);
        // a read naming no target is narrowed to dev, as for a configured binding
        as(bot).get("/api/v1/fleet/server_info").then().statusCode(200).body("items.cluster", contains("dev"));
    }

    @Test
    void thePlatformGroupIsAdminEverywhere() {
        String person = token(OidcProviderResource.ISSUER, "alice", OidcProviderResource.CLIENT,
                List.of("platform", "unmapped"), 3600);
        as(person).get("/api/v1/audit").then().statusCode(200);
        as(person).get("/api/v1/user/me").then().statusCode(200).body("roles", contains("admin"));
    }

    @Test
    void theCallerIsItsSubjectAndItsGroupsAreTheGroupsClaimOnly() {
        // a name the user chose, and a Keycloak realm role named like an admin group: neither counts
        String t = OidcProviderResource.server().issueToken(OidcProviderResource.ISSUER, "mallory",
                OidcProviderResource.CLIENT, Map.of("preferred_username", "admin", "upn", "admin",
                        "realm_access", Map.of("roles", List.of("platform")), "groups", List.of("dev-team")), 3600)
                .serialize();
        as(t).get("/api/v1/user/me").then().statusCode(200).body("username", equalTo("oidc:mallory"))
                .body("roles", org.hamcrest.Matchers.empty());
        as(t).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void groupsNobodyMappedGrantNothing() {
        String stranger = token(OidcProviderResource.ISSUER, "mallory", OidcProviderResource.CLIENT,
                List.of("interns"), 3600);
        as(stranger).get("/api/v1/clusters").then().statusCode(403);
    }

    @Test
    void tokensNotIssuedForThisFacadeAreRefused() {
        // another audience, another issuer of the same server (other keys), an expired token, garbage
        for (String t : List.of(
                token(OidcProviderResource.ISSUER, "ci-bot", "another-app", List.of("platform"), 3600),
                token("other-issuer", "ci-bot", OidcProviderResource.CLIENT, List.of("platform"), 3600),
                token(OidcProviderResource.ISSUER, "ci-bot", OidcProviderResource.CLIENT, List.of("platform"), -600),
                "not.a.jwt")) {
            Response r = as(t).get("/api/v1/clusters");
            assertThat(r.statusCode()).as(t + ": " + r.asString()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
        }
    }

    @Test
    void localApiKeysAndLoginsKeepWorking() {
        FleetApi.asAdmin().get("/api/v1/audit").then().statusCode(200);
        FleetApi.asViewer().get("/api/v1/user/me").then().statusCode(200).body("username", equalTo("sim-viewer"));
        String local = RestAssured.given().contentType("application/json")
                .body("{\"username\": \"admin\", \"password\": \"password\"}").post("/api/v1/user/login").then()
                .statusCode(200).extract().path("data.token");
        as(local).get("/api/v1/user/me").then().statusCode(200).body("username", equalTo("admin"));
    }
}
