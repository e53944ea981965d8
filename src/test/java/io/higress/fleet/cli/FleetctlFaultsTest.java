package io.higress.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.higress.fleet.sim.Fault;
import io.higress.fleet.sim.ServerState;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.higress.fleet.sim.SimulatedGateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleetctl when part of the fleet fails: faults injected in the simulated API servers and gateways must give exit 2
 * (some targets failed or differ) with each failure's cluster, gateway and hint, and exit 1 when nothing succeeded.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms")})
class FleetctlFaultsTest {

    @TestHTTPResource
    URI facade;

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void cli() throws InterruptedException {
        Cli.awaitDiscovery(fleet());
        cli = Cli.inProcess(facade, home).env("FLEET_TOKEN", SimulatedCredentials.OPERATOR_KEY);
    }

    @AfterEach
    void heal() {
        fleet().gateways().forEach(g -> g.clearFault().setState(ServerState.LIVE));
    }

    static SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    @Test
    void anApplyThatFailsInOneClusterExits2WithThatClustersProblem() throws Exception {
        Status forbidden = new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                .withMessage("ingresses.networking.k8s.io \"cli-partial\" is forbidden").build();
        // exactly one read of the object in test is refused, as by a facade without RBAC there
        fleet().kubernetesServer("test").expect().get()
                .withPath("/apis/networking.k8s.io/v1/namespaces/higress-system/ingresses/cli-partial")
                .andReturn(403, forbidden).once();
        Path manifest = Files.writeString(home.resolve("partial.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: cli-partial
                spec:
                  ingressClassName: higress
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: svc, port: {number: 80}}}}
                """);

        Cli.Run run = cli.run("apply", "-f", manifest.toString(), "--clusters", "test,prod");
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("""
                test
                  ! Ingress higress-system/cli-partial (error)
                      Upstream denied the facade (502): kubernetes:test answered 403""")
                .contains("        upstream kubernetes answered 403 (Forbidden)\n"
                        + "        hint: check the facade's RBAC in that cluster\n")
                .contains("prod\n  + Ingress higress-system/cli-partial (created)")
                .endsWith("Applied: 1 created, 1 failed in 2 clusters\n");
        assertThat(fleet().client("prod").network().v1().ingresses().inNamespace("higress-system")
                .withName("cli-partial").get()).isNotNull();
    }

    @Test
    void anApplyThatFailsEverywhereExits1WithEachClustersProblem() throws Exception {
        Path manifest = Files.writeString(home.resolve("unmanaged.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: cli-taken}
                spec:
                  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]
                """);
        for (String cluster : new String[] {"dev", "test"}) {
            fleet().client(cluster).network().v1().ingresses().inNamespace("higress-system").resource(
                    new IngressBuilder().withNewMetadata()
                            .withName("cli-taken").addToLabels("app.kubernetes.io/managed-by", "helm").endMetadata()
                            .build()).create();
        }
        Cli.Run run = cli.run("apply", "-f", manifest.toString(), "--clusters", "dev,test");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Conflict (409)")
                .containsPattern("- dev: .*\\(409\\): .*not managed by higress-fleet")
                .containsPattern("- test: .*\\(409\\)");
    }

    @Test
    void aGatewayThatFailsMakesFleetReadsExit2WithItsProblem() throws Exception {
        SimulatedGateway broken = fleet().gateway("prod", "prod-gw-2");
        broken.setFault(Fault.status(500));

        Cli.Run ready = cli.run("fleet", "ready");
        assertThat(ready.exit()).as(ready.toString()).isEqualTo(2);
        assertThat(ready.out()).containsPattern("prod +prod-gw-2 +- +error").containsPattern("prod +prod-gw-1 +LIVE +yes");
        assertThat(ready.err()).contains("prod/prod-gw-2:\n  Upstream failed (502): envoy-admin:prod/prod-gw-2 "
                + "answered 500").contains("    hint: check the gateway or controller logs");

        Cli.Run dump = cli.run("fleet", "config-dump", "--clusters", "prod", "--mask", "version_info");
        assertThat(dump.exit()).as(dump.err()).isEqualTo(2);
        assertThat(Json.JSON.readTree(dump.out()).path("summary").path("failed").asInt())
                .as("the whole answer is on standard output, valid JSON").isEqualTo(1);
        assertThat(dump.err()).startsWith("prod/prod-gw-2:\n");

        Cli.Run onlyBroken = cli.run("fleet", "ready", "--clusters", "prod", "-o", "json");
        assertThat(onlyBroken.exit()).isEqualTo(2);

        fleet().gateway("dev", "dev-gw-1").setState(ServerState.DRAINING);
        Cli.Run notLive = cli.run("fleet", "ready", "--clusters", "dev");
        assertThat(notLive.exit()).as(notLive.toString()).isEqualTo(2);
        assertThat(notLive.err()).contains("dev/dev-gw-1: not ready (DRAINING)");
    }

    @Test
    void aGatewayOnAnotherXdsVersionIsDriftExit2() {
        assertThat(cli.run("fleet", "consistency", "--clusters", "test").exit()).isZero();
        SimulatedGateway lagging = fleet().gateway("test", "test-gw-2");
        String version = lagging.xdsVersion();
        try {
            lagging.setXdsVersion("2025-11-24T00:00:00Z/0");
            Cli.Run run = cli.run("fleet", "consistency", "--clusters", "test");
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).containsPattern("ClustersConfigDump \\(version\\) +no +2 +test/test-gw-2");
            assertThat(run.err()).contains("drift: the gateways' configurations differ");
        } finally {
            lagging.setXdsVersion(version);
        }
    }

    @Test
    void aRolloutWhoseGateFailsIsWatchedToItsRollbackAndExits1() throws Exception {
        fleet().gateway("test", "test-gw-1").setState(ServerState.DRAINING);
        Path request = Files.writeString(home.resolve("rollout.json"), """
                {"strategy": "canary", "canaryOrder": ["dev", "test", "prod"], "waitTime": "200ms",
                 "routes": [{"name": "cli-rollback", "paths": ["/*"], "serviceName": "v2", "servicePort": 80}]}
                """);
        Cli.Run run = cli.run("rollout", "create", "-f", request.toString(), "--watch");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern("test: failed: .*test-gw-1 is DRAINING")
                .containsPattern("(?m)^rollout \\S+ rolled-back: .*rolled back dev, test");
        assertThat(fleet().client("dev").network().v1().ingresses().inNamespace("higress-system")
                .withName("cli-rollback").get()).as("dev was restored").isNull();
    }
}
