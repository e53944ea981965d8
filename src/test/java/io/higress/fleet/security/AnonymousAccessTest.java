package io.higress.fleet.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation the application publishes at /q/openapi and calls it without a credential: each must answer
 * 401, except the login and health. An endpoint added later is covered without editing this test.
 */
@QuarkusTest
@TestProfile(SecurityTestProfile.class)
class AnonymousAccessTest {

    static final Set<String> OPEN = Set.of("POST /api/v1/user/login", "GET /api/v1/user/sso/login",
            "GET /api/v1/user/sso/callback");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyPublishedEndpointRefusesAnonymousCalls() {
        JsonPath api = JsonPath.from(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        List<String> checked = new ArrayList<>();
        List<String> open = new ArrayList<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains).forEach(m -> {
            String method = m.toUpperCase();
            String operation = method + " " + path;
            if (OPEN.contains(operation)) {
                return;
            }
            String concrete = path.replaceAll("\\{[^}]+}", "dev");
            int status = given().redirects().follow(false).contentType("application/json").body("{}")
                    .request(method, concrete).statusCode();
            checked.add(operation);
            if (status != 401) {
                open.add(operation + " -> " + status);
            }
        }));
        assertThat(open).as("endpoints answering an anonymous caller").isEmpty();
        assertThat(checked).as("the walk found the endpoints").contains("GET /api/v1/clusters",
                "GET /api/v1/clusters/{cluster}", "GET /api/v1/upstreams", "GET /api/v1/audit", "GET /api/v1/user/me");
    }

    @Test
    void unpublishedPathsAndFrameworkEndpointsAreNotOpenEither() {
        for (String path : new String[] {"/api/v1/not-yet-written", "/api/v2/anything", "/q/metrics", "/"}) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(given().body("{}").post(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }
}
