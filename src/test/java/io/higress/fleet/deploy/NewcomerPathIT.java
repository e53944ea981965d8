package io.higress.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.higress.fleet.bench.FacadeProcess;
import io.higress.fleet.sim.Poll;
import io.higress.fleet.sim.SimulatedFleet;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Run it for real", as written, against simulated clusters standing in for real ones (README: "No cluster
 * at hand?"): bin/bootstrap-target-cluster per context with the real kubectl, bin/fleet-init, the packaged jar with
 * FLEET_TOKEN_SECRET from fleet/token-secret, then the printed admin key. Run in a directory of its own, as a user's
 * shell would be; nothing is edited between the steps.
 */
class NewcomerPathIT {

    static final Path REPO = Path.of("").toAbsolutePath();
    static final List<String> CONTEXTS = List.of("dev", "test", "prod");

    @TempDir
    Path dir;

    /** One command as README shows it, run in {@code dir} with KUBECONFIG exported as README does. */
    String sh(SimulatedFleet fleet, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, REPO.resolve(command[0]).toString());
        Path log = Files.createTempFile(dir, "step", ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", fleet.kubeconfig().toString());
        builder.environment().put("KUBECACHEDIR", dir.resolve(".kube-cache").toString());
        Process p = builder.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void bootstrapFleetInitAndTheJarServeTheClustersWithThePrintedAdminKey() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder().clusters(CONTEXTS).portForward("dev", "test", "prod")
                .workDir(dir.resolve("target/sim")).start()) {
            for (String context : CONTEXTS) {
                sh(fleet, "bin/bootstrap-target-cluster", "--context", context, "--out", "fleet/targets.kubeconfig");
            }
            String init = sh(fleet, "bin/fleet-init", "--kubeconfig", "fleet/targets.kubeconfig", "--out", "fleet");
            Matcher printed = Pattern.compile("(?m)^\\s+(hf_[A-Za-z0-9_-]+)$").matcher(init);
            assertThat(printed.find()).as(init).isTrue();
            String adminKey = printed.group(1);

            String secret = Files.readString(dir.resolve("fleet/token-secret")).strip(); // $(cat fleet/token-secret)
            try (FacadeProcess facade = new FacadeProcess(REPO.resolve("target/quarkus-app/quarkus-run.jar"),
                    dir.resolve("fleet/fleet.yaml"), FacadeProcess.freePort(),
                    Path.of("target", "NewcomerPathIT-facade.log"), List.of(), dir,
                    Map.of("FLEET_TOKEN_SECRET", secret))) {
                JsonPath clusters = Poll.until(() -> RestAssured.given().auth().oauth2(adminKey)
                        .get(facade.url("/api/v1/clusters")).then().statusCode(200).extract().jsonPath(),
                        c -> c.getList("items.status").equals(List.of("ok", "ok", "ok")));
                assertThat(clusters.getList("items.name")).containsExactly("dev", "prod", "test");
                assertThat(clusters.getList("items.gateways.ready", Integer.class)).containsExactly(2, 2, 2);
                assertThat(clusters.getMap("items.find { it.name == 'prod' }.labels")).isEqualTo(Map.of("env", "prod"));

                RestAssured.given().auth().oauth2(adminKey).get(facade.url("/api/v1/fleet/ready")).then()
                        .statusCode(200).body("summary.ok", equalTo(6));
                RestAssured.given().auth().oauth2(adminKey).contentType("application/json")
                        .body("{\"name\":\"newcomer\",\"paths\":[\"/\"],\"serviceName\":\"svc\",\"servicePort\":80}")
                        .post(facade.url("/api/v1/routes")).then().statusCode(201);
                RestAssured.given().auth().oauth2(adminKey).get(facade.url("/api/v1/user/me")).then()
                        .statusCode(200).body("username", equalTo("admin"));

                for (String context : CONTEXTS) {
                    // the facade reached the cluster as the service account the bootstrap created, not as its admin
                    String token = fleet.serviceAccountTokens(context, "higress-system", "higress-fleet").get(0);
                    assertThat(bearers(fleet, context)).as(context).contains("Bearer " + token)
                            .doesNotContain("Bearer simulated-token-" + context + "-facade");
                    assertThat(fleet.portForwardStreams(context)).as(context).isPositive();
                    assertThat(fleet.client(context).network().v1().ingresses().inNamespace("higress-system")
                            .withName("newcomer").get()).as(context).isNotNull();
                }
            }
        }
    }

    /** The bearer credentials of the requests the cluster's API server received since the last call. */
    static List<String> bearers(SimulatedFleet fleet, String cluster) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (RecordedRequest r = fleet.kubernetesServer(cluster).takeRequest(10, TimeUnit.MILLISECONDS); r != null;
                r = fleet.kubernetesServer(cluster).takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (r.getPath().startsWith("/api/v1/namespaces/higress-system/pods")) {
                seen.add(r.getHeader("Authorization"));
            }
        }
        return seen;
    }
}
