package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.bench.FacadeProcess;
import io.higress.fleet.security.HashTool;
import io.higress.fleet.security.PasswordHashes;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/fleet.yaml, as it is, starts the packaged facade against the simulated fleet the README runs it with
 * ({@code bin/simulated-fleet --no-facade --port-forward all --console-managed test}): started in a directory of its
 * own, whose target/sim the simulator writes, with the two environment variables the README sets.
 */
class ExampleConfigIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void startsAsItIsAndReachesTheSimulatedClustersThroughPortForward() throws Exception {
        String password = "a newcomer's password";
        try (SimulatedFleet fleet = SimulatedFleet.builder().clusters("dev", "test", "prod")
                .portForward("dev", "test", "prod").consoleManaged("test").workDir(dir.resolve("target/sim")).start();
                FacadeProcess facade = new FacadeProcess(JAR.toAbsolutePath(), ExampleConfigTest.EXAMPLE.toAbsolutePath(),
                        FacadeProcess.freePort(), Path.of("target", "ExampleConfigIT-facade.log"), List.of(), dir,
                        Map.of("FLEET_TOKEN_SECRET", HashTool.newTokenSecret(),
                                "FLEET_ADMIN_PASSWORD_HASH", PasswordHashes.bcrypt(password, 4)))) {
            String token = RestAssured.given().contentType("application/json")
                    .body(Map.of("username", "admin", "password", password))
                    .post(facade.url("/api/v1/user/login")).then().statusCode(200).extract().path("data.token");

            // discovery lists the pods in the background from the start: wait until it did
            JsonPath clusters = Poll.until(() -> RestAssured.given().auth().oauth2(token)
                    .get(facade.url("/api/v1/clusters")).then().statusCode(200).extract().jsonPath(),
                    c -> "ok".equals(c.getString("items.find { it.name == 'dev' }.status"))
                            && "ok".equals(c.getString("items.find { it.name == 'prod' }.status")));
            assertThat(clusters.getList("items.name")).containsExactly("dev", "prod", "test");
            for (String c : List.of("dev", "prod")) {
                String item = "items.find { it.name == '" + c + "' }";
                assertThat(clusters.getString(item + ".status")).as(c).isEqualTo("ok");
                assertThat(clusters.getInt(item + ".gateways.ready")).as(c).isEqualTo(2);
            }
            assertThat(clusters.getString("items.find { it.name == 'test' }.management")).isEqualTo("console");
            assertThat(clusters.getString("items.find { it.name == 'test' }.console.url"))
                    .isEqualTo("http://127.0.0.1:18001");
            assertThat(clusters.getMap("items.find { it.name == 'prod' }.labels"))
                    .isEqualTo(Map.of("env", "prod", "region", "us"));

            // Envoy admin through the Kubernetes port-forward the example configures
            RestAssured.given().auth().oauth2(token).get(facade.url("/api/v1/fleet/ready?clusters=dev,prod"))
                    .then().statusCode(200).body("summary.ok", org.hamcrest.Matchers.equalTo(4));
            assertThat(fleet.portForwardStreams("dev")).isPositive();
            // the data directory is the example's ./data, in the directory the facade was started in
            assertThat(dir.resolve("data")).isDirectory();
        }
    }
}
