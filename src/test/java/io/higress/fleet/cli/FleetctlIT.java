package io.higress.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fleetctl ({@code bin/fleetctl} running {@code target/fleetctl.jar}, its own process) against the
 * packaged facade: what a CI job does, from login to a watched rollout, with the exit codes it branches on.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class FleetctlIT {

    @TestHTTPResource
    URI facade;

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void cli() throws InterruptedException {
        Cli.awaitDiscovery(fleet());
        cli = Cli.packaged(facade, home);
    }

    static SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @Test
    void aCiJobLogsInAppliesAndRollsOut() throws Exception {
        Cli.Run login = cli.input(SimulatedCredentials.ADMIN_PASSWORD + "\n", "login", "--username", "admin",
                "--password-stdin");
        assertThat(login.exit()).as(login.toString()).isZero();
        Path token = cli.configDir().resolve("token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");

        Path manifests = Files.writeString(home.resolve("it.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: it-route}
                spec:
                  ingressClassName: higress
                  rules:
                  - host: it.example.com
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: it, port: {number: 80}}}}]}
                """);
        Cli.Run plan = cli.run("apply", "-f", manifests.toString(), "--dry-run", "--selector", "env in (dev,test)");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("dev\n  + Ingress higress-system/it-route (create)")
                .contains("        + - host: it.example.com")
                .endsWith("Plan: 2 to create in 2 clusters (dry run: nothing was written)\n");

        Cli.Run apply = cli.run("apply", "-f", manifests.toString(), "--selector", "env in (dev,test)");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(fleet().client("test").network().v1().ingresses().inNamespace("higress-system")
                .withName("it-route").get()).isNotNull();

        Cli.Run get = cli.run("get", "routes", "-o", "yaml");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(Json.YAML.readTree(get.out()).path("items").findValuesAsText("name")).contains("it-route");

        Path request = Files.writeString(home.resolve("rollout.yaml"), """
                strategy: canary
                canaryOrder: [dev, prod]
                waitTime: 200ms
                routes:
                - {name: it-canary, paths: ["/*"], serviceName: v2, servicePort: 8080}
                """);
        Cli.Run rollout = cli.run("rollout", "create", "-f", request.toString(), "--watch");
        assertThat(rollout.exit()).as(rollout.toString()).isZero();
        assertThat(rollout.out()).containsPattern("(?s)dev: succeeded.*prod: succeeded")
                .containsPattern("rollout \\S+ succeeded\n$");
    }

    @Test
    void aPartialFailureIsExit2AndAUsageErrorExit3() throws Exception {
        fleet().kubernetesServer("prod").expect().get()
                .withPath("/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses/it-partial")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage("forbidden").build()).once();
        Path manifests = Files.writeString(home.resolve("partial.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: it-partial}
                spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}
                """);
        cli.env("FLEET_TOKEN", SimulatedCredentials.OPERATOR_KEY);
        Cli.Run partial = cli.run("apply", "-f", manifests.toString());
        assertThat(partial.exit()).as(partial.toString()).isEqualTo(2);
        assertThat(partial.out()).contains("prod\n  ! Ingress higress-system/it-partial (error)")
                .contains("hint: check the facade's RBAC in that cluster")
                .endsWith("Applied: 2 created, 1 failed in 3 clusters\n");

        Cli.Run usage = cli.run("get", "routes", "--output", "xml");
        assertThat(usage.exit()).as(usage.toString()).isEqualTo(3);
        assertThat(usage.err()).contains("'xml' is not table, json or yaml");
    }
}
