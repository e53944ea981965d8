package io.higress.fleet.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SecurityTestProfile.class)
class SecurityEndpointsTest {

    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void forgetFailedLogins() {
        throttle.clear(); // every test logs in from 127.0.0.1: keep the address limit out of the others' way
    }

    static Response login(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .post("/api/v1/user/login");
    }

    static String token(String user, String password) {
        return login(user, password).then().statusCode(200).extract().path("data.token");
    }

    @Test
    void briefLoginCurlAnswersTheConsoleEnvelope() {
        login("admin", "admin-pass").then().statusCode(200)
                .body("code", equalTo(200))
                .body("data.token", notNullValue())
                .body("data.expire", equalTo(7200));
        String token = token("admin", "admin-pass");
        given().header("Authorization", "Bearer " + token).get("/api/v1/user/me").then().statusCode(200)
                .body("username", equalTo("admin")).body("roles", equalTo(java.util.List.of("admin")));
    }

    @Test
    void goConsoleClientPatternLoginThenBearerOnEachCall() {
        // NewConsoleClient -> Login decodes {"code","data":{"token"}}; doRequest sets JSON + Bearer on every call
        String token = JsonPath.from(login("olga", "operator-pass").asString()).getString("data.token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/clusters").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/api/v1/user/me").then().statusCode(200)
                .body("username", equalTo("olga")).body("roles", equalTo(java.util.List.of("operator")));
        // CreateRoute: an operator passes the gate and reaches validation (this body lacks the route's target)
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"name\":\"example-route\"}").post("/api/v1/routes").then().statusCode(400)
                .body("errors.field", hasItems("paths", "serviceName", "servicePort"));
    }

    @Test
    void tamperedExpiredAndForeignTokensAre401() {
        String viewer = token("vic", "viewer-pass");
        String[] parts = viewer.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"vic\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        LoginTokens same = SigningKeysTest.tokens(
                SigningKeysTest.Token.secret(SecurityTestProfile.SECRET).withIssuer("higress-fleet"));
        String expired = same.issue("admin", Set.of("admin"), Instant.now().minus(Duration.ofHours(3)));
        String foreign = SigningKeysTest.tokens(SigningKeysTest.Token.secret("another-secret-0123456789-abcdefghij")
                .withIssuer("higress-fleet")).issue("admin", Set.of("admin"), Instant.now());
        // signed with the right key, but minted for the future or for longer than the configured lifetime (2h)
        String future = same.issue("admin", Set.of("admin"), Instant.now().plus(Duration.ofMinutes(10)));
        String tooLong = SigningKeysTest.tokens(new SigningKeysTest.Token(java.util.Optional.of(SecurityTestProfile.SECRET),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), Duration.ofDays(3650),
                "higress-fleet")).issue("admin", Set.of("admin"), Instant.now());
        String unsigned = parts[0].replace(parts[0], Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))) + "." + parts[1] + ".";
        for (String bad : new String[] {tampered, expired, foreign, unsigned, "garbage", viewer + "x", future,
                tooLong}) {
            given().header("Authorization", "Bearer " + bad).get("/api/v1/user/me").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://higress-fleet.io/problems/unauthorized"));
        }
        // the control: the same forging code with a fresh token is accepted
        given().header("Authorization", "Bearer " + same.issue("admin", Set.of("admin"), Instant.now()))
                .get("/api/v1/user/me").then().statusCode(200);
    }

    @Test
    void rolesAreHierarchicalAnd403NamesTheRoleNeeded() {
        String viewer = token("vic", "viewer-pass");
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/routes").then().statusCode(403)
                .contentType("application/problem+json").body("hint", containsString("'operator'"));
        given().header("Authorization", "Bearer " + viewer).get("/api/v1/audit").then().statusCode(403)
                .body("hint", containsString("'admin'"));
        String bot = SecurityTestProfile.OPERATOR_KEY;
        given().header("Authorization", "Bearer " + bot).post("/api/v1/clusters/local/gateways/gw-1/admin/quitquitquit")
                .then().statusCode(403).body("hint", containsString("'admin'"));
        // an operator may set log levels: the call passes the gate and reaches the (unreachable) gateway
        given().header("Authorization", "Bearer " + bot).post("/api/v1/fleet/logging?level=debug").then()
                .statusCode(200).header("X-Fleet-Partial", "true")
                .body("items[0].error.type", equalTo("https://higress-fleet.io/problems/upstream-unreachable"));
        String admin = token("admin", "admin-pass");
        given().header("Authorization", "Bearer " + admin).get("/api/v1/audit").then().statusCode(200);
        given().header("Authorization", "Bearer " + admin).get("/api/v1/clusters").then().statusCode(200);
    }

    @Test
    void encodedOrDecoratedPathsCannotDodgeTheAdminRule() {
        String viewer = "Bearer " + SecurityTestProfile.VIEWER_KEY;
        for (String path : new String[] {"/api/v1/%61udit", "/api/v1/audit;x=1", "/api/v1/user/../audit",
                "/api/v1//audit/"}) {
            given().urlEncodingEnabled(false).header("Authorization", viewer).get(path).then().statusCode(403);
        }
    }

    @Test
    void apiKeysAuthenticateAsTheirName() {
        given().header("Authorization", "Bearer " + SecurityTestProfile.VIEWER_KEY).get("/api/v1/user/me").then()
                .statusCode(200).body("username", equalTo("dashboard")).body("roles", equalTo(java.util.List.of("viewer")));
        given().header("Authorization", "Bearer " + SecurityTestProfile.VIEWER_KEY + "x").get("/api/v1/user/me")
                .then().statusCode(401);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        Response unknown = login("nobody", "admin-pass");
        Response wrong = login("admin", "not-the-password");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(comparable(unknown)).isEqualTo(comparable(wrong));
        assertThat(unknown.contentType()).isEqualTo(wrong.contentType());
    }

    private static Map<String, Object> comparable(Response r) {
        Map<String, Object> body = new java.util.HashMap<>(r.jsonPath().getMap("$"));
        body.remove("requestId");
        body.remove("instance");
        return body;
    }

    @Test
    void aLoginBodyWithTheWrongFieldNamesTheFieldsInsteadOfFailingAsALogin() {
        given().contentType(ContentType.JSON).body("{\"user\":\"admin\",\"pass\":\"admin-pass\"}")
                .post("/api/v1/user/login").then().statusCode(400)
                .body("errors.field", hasItems("user", "pass", "username", "password"));
        given().contentType(ContentType.JSON).body("").post("/api/v1/user/login").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void fiveFailuresThenLoginIsThrottledWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            login("olga", "wrong-" + i).then().statusCode(401);
        }
        login("olga", "operator-pass").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json")
                .body("type", equalTo("https://higress-fleet.io/problems/too-many-requests"));
    }

    /** 40 parallel guesses against a bcrypt-12 user: all are counted, so only the first 5 get a hash check. */
    @Test
    void parallelWrongPasswordsAreAllCounted() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "guess-" + i;
                guesses.add(pool.submit(() -> login("slow", guess).statusCode()));
            }
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> g : guesses) {
                statuses.merge(g.get(), 1, Integer::sum);
            }
            assertThat(statuses).isEqualTo(Map.of(401, 5, 429, 35));
        } finally {
            pool.shutdownNow();
        }
        login("slow", "slow-pass").then().statusCode(429); // even the right password, until the window ends
    }

    @Test
    void overlongUserNamesAndPasswordsAre400BeforeAnyHashCheck() {
        login("x".repeat(129), "p").then().statusCode(400).body("errors[0].field", equalTo("username"));
        login("admin", "p".repeat(1025)).then().statusCode(400).body("errors[0].field", equalTo("password"));
    }

    @Test
    void metricsNeedAViewerHealthIsOpen() {
        given().get("/q/metrics").then().statusCode(401);
        given().header("Authorization", "Bearer " + SecurityTestProfile.VIEWER_KEY).get("/q/metrics").then()
                .statusCode(200);
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void writesAndDenialsAreAuditedWithoutCredentials() throws Exception {
        String deniedId = "audit-denied-" + UUID.randomUUID();
        String writeId = "audit-write-" + UUID.randomUUID();
        given().header("X-Request-Id", deniedId).header("Authorization", "Bearer " + SecurityTestProfile.VIEWER_KEY)
                .post("/api/v1/routes?clusters=local").then().statusCode(403);
        given().header("X-Request-Id", writeId).header("Authorization", "Bearer " + SecurityTestProfile.OPERATOR_KEY)
                .contentType(ContentType.JSON).body("{}").post("/api/v1/routes/r1?selector=env%3Ddev");
        login("admin", "wrong-password-for-audit").then().statusCode(401);
        String admin = "Bearer " + token("admin", "admin-pass");
        JsonPath denied = given().header("Authorization", admin).get("/api/v1/audit?principal=dashboard&limit=50")
                .then().statusCode(200).extract().jsonPath();
        ArrayList<Map<String, Object>> items = new ArrayList<>(denied.getList("items"));
        assertThat(items).anySatisfy(e -> {
            assertThat(e).containsEntry("requestId", deniedId).containsEntry("status", 403)
                    .containsEntry("outcome", "denied").containsEntry("action", "POST /api/v1/routes")
                    .containsEntry("roles", java.util.List.of("viewer"));
            assertThat(e.get("targets")).isEqualTo(Map.of("clusters", "local"));
        });
        given().header("Authorization", admin).get("/api/v1/audit?principal=bot&action=POST").then()
                .body("items.requestId", org.hamcrest.Matchers.hasItem(writeId))
                .body("items.find { it.requestId == '" + writeId + "' }.targets.resource", equalTo("routes/r1"));
        given().header("Authorization", admin).get("/api/v1/audit?principal=admin&action=POST /api/v1/user/login")
                .then().body("items.outcome", org.hamcrest.Matchers.hasItem("denied"));
        String file = Files.readString(Path.of(SecurityTestProfile.DATA_DIR, "audit", "audit.log"));
        assertThat(file).contains(deniedId, writeId)
                .doesNotContain(SecurityTestProfile.VIEWER_KEY, SecurityTestProfile.OPERATOR_KEY,
                        "wrong-password-for-audit", admin.substring(7), "Bearer");
    }

    @Test
    void auditQueryValidatesItsParameters() {
        String admin = "Bearer " + token("admin", "admin-pass");
        given().header("Authorization", admin).get("/api/v1/audit?since=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().header("Authorization", admin).get("/api/v1/audit?limit=0").then().statusCode(400);
    }

    @Test
    void oversizedBodiesGet413ProblemAndNoStackTrace() {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        given().contentType(ContentType.JSON).body(big).post("/api/v1/user/login").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        given().header("Authorization", "Bearer " + SecurityTestProfile.OPERATOR_KEY).contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(big)).post("/api/v1/routes").then().statusCode(413);
        given().contentType(ContentType.JSON).body("{\"username\": [1,").post("/api/v1/user/login").then()
                .statusCode(400).body(not(containsString("at io."))).body(not(containsString("Exception")));
    }

    /** With CORS off a preflight is an OPTIONS like any other: without a token it reaches nothing. */
    @Test
    void anonymousPreflightsAre401() {
        for (String path : new String[] {"/q/metrics", "/api/v1/clusters", "/api/v1/audit", "/api/v1/routes"}) {
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                    .options(path).then().statusCode(401).contentType("application/problem+json")
                    .body(not(containsString("# TYPE")));
        }
    }

    @Test
    void corsIsOffByDefault() {
        given().header("Origin", "https://evil.example").header("Authorization", "Bearer "
                + SecurityTestProfile.VIEWER_KEY).get("/api/v1/user/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
