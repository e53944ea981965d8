package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code login for people, end to end against a real OIDC provider (NAV's mock-oauth2-server): the
 * facade sends the browser to the provider's authorization endpoint (state, nonce, PKCE), the provider sends it back
 * with a code, and the callback answers a login token whose rights are the provider groups'. A callback that this
 * browser did not start, a provider's refusal and a person in no mapped group get no token.
 */
@QuarkusTest
@TestProfile(OidcLoginProfile.class)
class OidcLoginTest {

    /** A browser's login: the facade's redirect, the provider's, and the callback's answer. */
    record Login(Response start, String cookie, URI callback, Response done) {
    }

    static Login login(String subject, List<String> groups) {
        Response start = RestAssured.given().redirects().follow(false).get("/api/v1/user/sso/login");
        assertThat(start.statusCode()).as(start.asString()).isEqualTo(302);
        String cookie = start.getCookie(SsoLoginResource.COOKIE);
        OidcProviderResource.server().enqueueCallback(new DefaultOAuth2TokenCallback(OidcProviderResource.ISSUER,
                subject, "JWT", List.of(OidcProviderResource.CLIENT), Map.of("groups", groups), 3600));
        Response provider = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                .get(start.header("Location"));
        assertThat(provider.statusCode()).as(provider.asString()).isEqualTo(302);
        URI callback = URI.create(provider.header("Location"));
        Response done = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                .cookie(SsoLoginResource.COOKIE, cookie).get(callback.getRawPath() + "?" + callback.getRawQuery());
        return new Login(start, cookie, callback, done);
    }

    static String query(URI uri, String name) {
        for (String p : uri.getRawQuery().split("&")) {
            if (p.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(p.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void aPersonLogsInAtTheProviderAndGetsTheRightsOfItsGroups() {
        Login l = login("bob", List.of("dev-team"));
        URI authorize = URI.create(l.start().header("Location"));
        assertThat(authorize.toString()).startsWith(OidcProviderResource.server()
                .authorizationEndpointUrl(OidcProviderResource.ISSUER).toString());
        assertThat(query(authorize, "response_type")).isEqualTo("code");
        assertThat(query(authorize, "client_id")).isEqualTo(OidcProviderResource.CLIENT);
        assertThat(query(authorize, "scope")).isEqualTo("openid profile");
        assertThat(query(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(query(authorize, "redirect_uri")).endsWith("/api/v1/user/sso/callback")
                .startsWith("http://localhost:");
        assertThat(l.start().header("Set-Cookie")).contains("HttpOnly", "SameSite=Lax", "Path=/api/v1/user/sso");
        assertThat(query(l.callback(), "state")).isEqualTo(query(authorize, "state"));

        assertThat(l.done().statusCode()).as(l.done().asString()).isEqualTo(200);
        assertThat(l.done().header("Set-Cookie")).contains(SsoLoginResource.COOKIE + "=;", "Max-Age=0");
        String token = l.done().jsonPath().getString("data.token");
        assertThat(l.done().jsonPath().getInt("data.expire")).isPositive();
        RestAssured.given().auth().oauth2(token).get("/api/v1/user/me").then().statusCode(200)
                .body("username", equalTo("oidc:bob")).body("bindings.role", contains("operator"))
                .body("bindings.selector", contains("env=dev"));
        long prodWrites = SimulatedFleetResource.fleet().kubernetesWrites("prod");
        RestAssured.given().auth().oauth2(token).contentType("application/json").body(OidcBearerTest.ROUTE)
                .post("/api/v1/routes?clusters=prod").then().statusCode(403).body("detail", containsString("prod"));
        assertThat(SimulatedFleetResource.fleet().kubernetesWrites("prod")).isEqualTo(prodWrites);

        // the state cookie is no login token
        RestAssured.given().auth().oauth2(l.cookie()).get("/api/v1/user/me").then().statusCode(401);
    }

    @Test
    void aCallbackThisBrowserDidNotStartGetsNoToken() {
        Login mine = login("bob", List.of("dev-team"));
        // an attacker's code and state, sent into the victim's browser without the attacker's cookie: refused
        Response start = RestAssured.given().redirects().follow(false).get("/api/v1/user/sso/login");
        OidcProviderResource.server().enqueueCallback(new DefaultOAuth2TokenCallback(OidcProviderResource.ISSUER,
                "mallory", "JWT", List.of(OidcProviderResource.CLIENT), Map.of("groups", List.of("platform")), 3600));
        URI theirs = URI.create(RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                .get(start.header("Location")).header("Location"));
        String path = theirs.getRawPath() + "?" + theirs.getRawQuery();
        RestAssured.given().urlEncodingEnabled(false).cookie(SsoLoginResource.COOKIE, mine.cookie()).get(path).then()
                .statusCode(401).body("detail", containsString("state does not match"));
        RestAssured.given().urlEncodingEnabled(false).get(path).then().statusCode(401)
                .body("detail", containsString("no login was started"));
        RestAssured.given().urlEncodingEnabled(false).cookie(SsoLoginResource.COOKIE, "x.y.z").get(path).then()
                .statusCode(401);
        // in the browser that started it, the same callback logs in (and uses the provider's queued answer)
        RestAssured.given().urlEncodingEnabled(false).cookie(SsoLoginResource.COOKIE,
                start.getCookie(SsoLoginResource.COOKIE)).get(path).then().statusCode(200);
    }

    @Test
    void theProvidersRefusalAndMissingFieldsAreNamed() {
        Response start = RestAssured.given().redirects().follow(false).get("/api/v1/user/sso/login");
        String cookie = start.getCookie(SsoLoginResource.COOKIE);
        RestAssured.given().cookie(SsoLoginResource.COOKIE, cookie)
                .get("/api/v1/user/sso/callback?error=access_denied&error_description=denied+by+user&state=s")
                .then().statusCode(401).body("detail", containsString("access_denied"));
        RestAssured.given().cookie(SsoLoginResource.COOKIE, cookie).get("/api/v1/user/sso/callback").then()
                .statusCode(400).body("errors.field", contains("code", "state"));
    }

    @Test
    void aPersonInNoMappedGroupGetsNoToken() {
        Login l = login("stranger", List.of("interns"));
        assertThat(l.done().statusCode()).as(l.done().asString()).isEqualTo(403);
        assertThat(l.done().jsonPath().getString("detail")).contains("oidc:stranger", "interns");
    }
}
