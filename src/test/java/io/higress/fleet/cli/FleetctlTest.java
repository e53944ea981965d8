package io.higress.fleet.cli;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.higress.fleet.sim.SimulatedCredentials;
import io.higress.fleet.sim.SimulatedFleet;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleetctl end to end against three simulated clusters (dev, test, prod; two gateways each), run in this JVM as a CI
 * job runs it: outputs and exit codes. The failure paths (faults injected in the fleet) are in
 * {@link FleetctlFaultsTest}; the packaged jar as a process in {@link FleetctlIT}.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "fleet.rollouts.verify-timeout", value = "3s"),
        @ResourceArg(name = "fleet.rollouts.max-poll-interval", value = "200ms"),
        // the drift test writes to a namespace of its own; custom plugins come from a registry of the tests'
        @ResourceArg(name = "fleet.resources.namespaces", value = "higress-system,cli-drift"),
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/,oci://registry.example.com/plugins/")})
class FleetctlTest {
    static final String NS = "higress-system";
    static final ResourceDefinitionContext WASM_PLUGINS = new ResourceDefinitionContext.Builder()
            .withGroup("extensions.higress.io").withVersion("v1alpha1").withKind("WasmPlugin")
            .withPlural("wasmplugins").withNamespaced(true).build();

    @TestHTTPResource
    URI facade;

    @TempDir
    Path home;

    Cli cli;

    @BeforeEach
    void cli() throws InterruptedException {
        Cli.awaitDiscovery(fleet());
        cli = Cli.inProcess(facade, home).env("FLEET_TOKEN", SimulatedCredentials.ADMIN_KEY);
    }

    static SimulatedFleet fleet() {
        return SimulatedFleetResource.fleet();
    }

    static Ingress ingress(String cluster, String name) {
        return fleet().client(cluster).network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    static GenericKubernetesResource plugin(String cluster, String name) {
        return fleet().client(cluster).genericKubernetesResources(WASM_PLUGINS).inNamespace(NS).withName(name).get();
    }

    static String route(String name, String host, String service) {
        return "{\"name\":\"" + name + "\",\"domain\":[\"" + host + "\"],\"paths\":[\"/*\"],\"serviceName\":\""
                + service + "\",\"servicePort\":8080}";
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(home.resolve(name), content);
    }

    @Test
    void loginStoresTheTokenForThatUrlOnlyReadableByItsOwner() throws Exception {
        cli.env("FLEET_TOKEN", null);

        Cli.Run wrong = cli.input("not-the-password\n", "login", "-u", "admin", "--password-stdin");
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains("error: Authentication required (401): wrong username or password")
                .contains("hint: check the username and password").contains("request id: ");
        assertThat(cli.configDir().resolve("token")).doesNotExist();

        Cli.Run ok = cli.input(SimulatedCredentials.ADMIN_PASSWORD + "\n", "login", "-u", "admin", "--password-stdin");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        Path token = cli.configDir().resolve("token");
        assertThat(ok.out()).contains("Logged in to " + ConnectionOptions.base(facade.toString()) + " as admin")
                .contains(token.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token.getParent())))
                .isEqualTo("rwx------");
        JsonNode stored = Json.JSON.readTree(token.toFile());
        String jwt = stored.path(ConnectionOptions.base(facade.toString()).toString()).path("token").asText();
        assertThat(jwt).startsWith("eyJ");
        assertThat(ok.out() + ok.err()).as("the token is never printed").doesNotContain(jwt);

        Cli.Run clusters = cli.run("clusters");
        assertThat(clusters.exit()).as(clusters.toString()).isZero();
        assertThat(clusters.out().lines()).first().asString().startsWith("NAME").contains("STATUS").contains("GATEWAYS");
        assertThat(clusters.out()).containsPattern("dev +ok +2/2 ready +kubernetes +env=dev")
                .containsPattern("prod +ok").containsPattern("test +ok");

        // the same facade under another name is another URL: the token is not sent there
        URI other = URI.create(facade.toString().replace("localhost", "127.0.0.1"));
        Cli.Run elsewhere = cli.run("clusters", "--url", other.toString());
        assertThat(elsewhere.exit()).as(elsewhere.toString()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("(401)").contains("fleetctl has no token for "
                + ConnectionOptions.base(other.toString()) + ": run 'fleetctl login --url");
    }

    @Test
    void getPrintsEachKindAsTableJsonAndYaml() throws Exception {
        asOperator().contentType("application/json").body(route("cli-get", "get.example.com", "get-svc"))
                .post("/api/v1/routes").then().statusCode(201);

        Cli.Run table = cli.run("get", "routes");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow().split(" +")).containsExactly("NAME", "DOMAINS",
                "PATHS", "SERVICE", "NAMESPACE", "CLUSTERS", "MANAGED", "DRIFT");
        assertThat(table.out()).containsPattern(
                "cli-get +get\\.example\\.com +/\\* +get-svc:8080 +higress-system +dev,prod,test +yes +no");

        JsonNode api = Json.JSON.readTree(asAdmin().get("/api/v1/routes").then().statusCode(200).extract().asString());
        Cli.Run json = cli.run("get", "routes", "-o", "json");
        assertThat(json.exit()).isZero();
        assertThat(Json.JSON.readTree(json.out())).isEqualTo(api);
        Cli.Run yaml = cli.run("get", "routes", "-o", "yaml");
        assertThat(yaml.exit()).isZero();
        assertThat(Json.YAML.readTree(yaml.out())).isEqualTo(api);

        Cli.Run one = cli.run("get", "route", "cli-get", "--clusters", "dev,test");
        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(one.out()).containsPattern("cli-get +get\\.example\\.com .* dev,test +yes +no");
        assertThat(one.out().lines()).hasSize(2);

        // every kind fleetctl knows is a path of the facade, read the same way
        for (Kind kind : Kind.values()) {
            Cli.Run run = cli.run("get", kind.path, "-o", "json");
            assertThat(run.exit()).as(kind + ": " + run).isZero();
            JsonNode expected = Json.JSON.readTree(asAdmin().get("/api/v1/" + kind.path).then().statusCode(200)
                    .extract().asString());
            assertThat(Json.JSON.readTree(run.out())).as(kind.path).isEqualTo(expected);
            assertThat(cli.run("get", kind.path).out()).startsWith("NAME");
        }
    }

    @Test
    void copiesThatDifferBetweenClustersAreDriftExit2() {
        String ns = "cli-drift"; // its own namespace: the other tests' reads of higress-system stay drift-free
        asOperator().queryParam("namespace", ns).contentType("application/json")
                .body(route("cli-drift", "drift.example.com", "drift-v1")).post("/api/v1/routes").then().statusCode(201);
        assertThat(cli.run("get", "route", "cli-drift", "-n", ns).exit()).isZero();

        Ingress prod = fleet().client("prod").network().v1().ingresses().inNamespace(ns).withName("cli-drift").get();
        prod.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().setName("drift-v2");
        fleet().client("prod").network().v1().ingresses().inNamespace(ns).resource(prod).update();

        Cli.Run drift = cli.run("get", "routes", "--namespace", ns);
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(2);
        assertThat(drift.out()).containsPattern("cli-drift .* cli-drift +dev,prod,test +yes +yes");
        assertThat(drift.err()).contains("drift: route cli-drift differs between clusters dev,prod,test");
        assertThat(cli.run("get", "route", "cli-drift", "-n", ns, "--clusters", "dev,test").exit())
                .as("without prod the copies agree").isZero();
    }

    @Test
    void applyShowsThePlanAsADiffThenWritesAndHidesSecretsEvenFromAdmins() throws Exception {
        Path manifests = file("cli-apply.yaml", manifests("cli.example.com", "sk-cli-secret"));

        Cli.Run plan = cli.run("apply", "-f", manifests.toString(), "--dry-run", "--clusters", "dev,test");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("""
                dev
                  + Ingress higress-system/cli-apply (create)
                      /metadata/labels/app.kubernetes.io~1managed-by
                        + higress-fleet
                      /spec
                        + ingressClassName: higress
                        + rules:
                        + - host: cli.example.com
                """).contains("\ntest\n  + Ingress higress-system/cli-apply (create)")
                .contains("  + WasmPlugin higress-system/cli-apply-auth (create)")
                .contains("+     credentials: \"[redacted]\"")
                .endsWith("Plan: 4 to create in 2 clusters (dry run: nothing was written)\n");
        assertThat(plan.out()).as("no secret in a plan, even for an admin").doesNotContain("sk-cli-secret");
        assertThat(ingress("dev", "cli-apply")).as("a dry run writes nothing").isNull();

        Cli.Run applied = cli.run("apply", "-f", manifests.toString(), "--clusters", "dev,test");
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("  + Ingress higress-system/cli-apply (created)")
                .endsWith("Applied: 4 created in 2 clusters\n");
        for (String cluster : List.of("dev", "test")) {
            assertThat(ingress(cluster, "cli-apply").getSpec().getRules().get(0).getHost()).isEqualTo("cli.example.com");
            assertThat(plugin(cluster, "cli-apply-auth")).as(cluster).isNotNull();
        }
        assertThat(ingress("prod", "cli-apply")).isNull();

        // the same two objects as a directory of files, applied in name order
        Path dir = Files.createDirectories(home.resolve("manifests"));
        String[] documents = Files.readString(manifests).split("(?m)^---\n");
        Files.writeString(dir.resolve("1-route.yaml"), documents[0]);
        Files.writeString(dir.resolve("2-plugin.yml"), documents[1]);
        Files.writeString(dir.resolve("README.md"), "not a manifest");
        Cli.Run same = cli.run("apply", "-f", dir.toString(), "--dry-run", "--exit-code", "--clusters", "dev,test");
        assertThat(same.exit()).as("nothing to change: " + same).isZero();
        assertThat(same.out()).contains("dev\n  = 2 unchanged\ntest\n  = 2 unchanged\n")
                .endsWith("Plan: 4 unchanged in 2 clusters (dry run: nothing was written)\n");

        Path changed = file("cli-apply-2.yaml", manifests("cli2.example.com", "sk-cli-secret-2"));
        Cli.Run update = cli.run("apply", "-f", changed.toString(), "--dry-run", "--exit-code", "--clusters", "dev");
        assertThat(update.exit()).as("--exit-code: the clusters drifted from the manifests: " + update).isEqualTo(2);
        assertThat(update.out()).contains("""
                dev
                  ~ Ingress higress-system/cli-apply (update)
                      /spec/rules/0/host
                        - cli.example.com
                        + cli2.example.com
                  ~ WasmPlugin higress-system/cli-apply-auth (update)
                """).doesNotContain("sk-cli-secret");
        assertThat(ingress("dev", "cli-apply").getSpec().getRules().get(0).getHost()).isEqualTo("cli.example.com");

        Cli.Run raw = cli.run("apply", "-f", changed.toString(), "--dry-run", "--clusters", "dev", "-o", "json");
        assertThat(raw.exit()).isZero();
        assertThat(Json.JSON.readTree(raw.out()).path("results").get(0).path("status").asText()).isEqualTo("update");
    }

    static String manifests(String host, String secret) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: cli-apply
                spec:
                  ingressClassName: higress
                  rules:
                  - host: %s
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: cli-svc
                            port:
                              number: 8080
                ---
                apiVersion: extensions.higress.io/v1alpha1
                kind: WasmPlugin
                metadata:
                  name: cli-apply-auth
                spec:
                  url: oci://registry.example.com/plugins/key-auth:1.0.0
                  defaultConfig:
                    consumers:
                    - name: ci
                      credentials: ["%s"]
                """.formatted(host, secret);
    }

    @Test
    void aCanaryRolloutIsCreatedAndWatchedToTheEnd() throws Exception {
        Path request = file("rollout.yaml", """
                strategy: canary
                canaryOrder: [dev, test, prod]
                waitTime: 300ms
                routes:
                - name: cli-canary
                  domain: [canary.example.com]
                  paths: ["/*"]
                  serviceName: canary-v2
                  servicePort: 8080
                """);
        Cli.Run run = cli.run("rollout", "create", "-f", request.toString(), "--watch");
        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("rollout \\S+ canary (pending|running), wave 1/3 \\(waitTime 300ms, "
                + "onFailure rollback\\)");
        String id = lines.get(0).split(" ")[1];
        assertThat(run.out()).containsPattern("(?s)dev: succeeded.*test: succeeded.*prod: succeeded")
                .containsPattern("\\d\\d:\\d\\d:\\d\\d rollout running, wave 3/3")
                .contains("  1     dev      succeeded  create   -")
                .contains("  3     prod     succeeded  create   -")
                .endsWith("rollout " + id + " succeeded\n");
        for (String cluster : List.of("dev", "test", "prod")) {
            assertThat(ingress(cluster, "cli-canary").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                    .getBackend().getService().getName()).as(cluster).isEqualTo("canary-v2");
        }

        Cli.Run again = cli.run("rollout", "watch", id, "-o", "json");
        assertThat(again.exit()).as("a finished rollout: " + again).isZero();
        assertThat(Json.JSON.readTree(again.out()).path("state").asText()).isEqualTo("succeeded");
        assertThat(again.err()).contains("rollout " + id + " succeeded");

        Cli.Run list = cli.run("rollout", "list");
        assertThat(list.out()).containsPattern(id + " +canary +succeeded +3/3 +sim-admin");
    }

    @Test
    void aRolloutIsPromotedAndCancelledFromTheCommandLine() throws Exception {
        Path manifests = file("canary-manifests.yaml", manifests("promote.example.com", "sk-promote")
                .replace("cli-apply", "cli-promote"));
        Cli.Run created = cli.run("rollout", "create", "--manifests", manifests.toString(), "--strategy", "canary",
                "--canary-order", "dev,test,prod", "--wait-time", "1h", "-o", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        String id = Json.JSON.readTree(created.out()).path("id").asText();

        awaitCluster(id, "dev", "baking");
        Cli.Run promoted = cli.run("rollout", "promote", id);
        assertThat(promoted.exit()).as(promoted.toString()).isZero();
        assertThat(promoted.out()).startsWith("rollout " + id + " canary running");
        awaitCluster(id, "test", "baking");

        Cli.Run cancelled = cli.run("rollout", "cancel", id);
        assertThat(cancelled.exit()).as(cancelled.toString()).isZero();
        Cli.Run watched = cli.run("rollout", "watch", id);
        assertThat(watched.exit()).as("a cancelled rollout did not succeed: " + watched).isEqualTo(1);
        assertThat(watched.out()).endsWith("rollout " + id + " cancelled\n")
                .containsOnlyOnce("rollout " + id + " canary cancelled");
        assertThat(ingress("dev", "cli-promote")).as("cancel undoes nothing").isNotNull();
        assertThat(ingress("prod", "cli-promote")).isNull();
    }

    void awaitCluster(String id, String cluster, String state) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Cli.Run get = cli.run("rollout", "get", id, "-o", "json");
            assertThat(get.exit()).as(get.toString()).isZero();
            for (JsonNode wave : Json.JSON.readTree(get.out()).path("waves")) {
                for (JsonNode c : wave.path("clusters")) {
                    if (cluster.equals(c.path("name").asText()) && state.equals(c.path("state").asText())) {
                        return;
                    }
                }
            }
            assertThat(System.nanoTime()).as("%s of %s reaches %s in 30 s: %s", cluster, id, state, get.out())
                    .isLessThan(until);
            Thread.sleep(50);
        }
    }

    @Test
    void fleetReadsPrintTablesAndTheConfigDumpStreamsValidJson() throws Exception {
        Cli.Run ready = cli.run("fleet", "ready");
        assertThat(ready.exit()).as(ready.toString()).isZero();
        assertThat(ready.out()).containsPattern("dev +dev-gw-1 +LIVE +yes +\\d+ms").containsPattern("prod +prod-gw-2 +LIVE");
        assertThat(ready.out().lines()).hasSize(7);

        Cli.Run selected = cli.run("fleet", "ready", "--selector", "env in (dev,test)", "-o", "json");
        assertThat(Json.JSON.readTree(selected.out()).path("summary").path("total").asInt()).isEqualTo(4);

        Cli.Run health = cli.run("fleet", "health");
        assertThat(health.exit()).as(health.toString()).isZero();
        assertThat(health.out()).startsWith("fleet green: 3 clusters, 6 gateways (6 green, 0 yellow, 0 red)")
                .containsPattern("test +test-gw-2 +green +LIVE +1\\.27\\.3 +\\S+ +10/10 +CLOSED");

        Cli.Run dump = cli.run("fleet", "config-dump", "--clusters", "dev", "--resource", "dynamic_route_configs");
        assertThat(dump.exit()).as(dump.err()).isZero();
        JsonNode parsed = Json.JSON.readTree(dump.out());
        assertThat(parsed.path("summary").path("ok").asInt()).isEqualTo(2);
        assertThat(parsed.path("items").get(0).path("data").toString()).contains("route_config");

        Cli.Run stats = cli.run("fleet", "stats", "--clusters", "prod", "--filter", "downstream_rq_total");
        assertThat(stats.exit()).as(stats.toString()).isZero();
        assertThat(stats.out()).containsPattern("prod +prod-gw-1 +http\\.\\S+\\.downstream_rq_total +\\d+");
        assertThat(stats.out()).doesNotContain("downstream_rq_5xx");

        Cli.Run prometheus = cli.run("fleet", "stats", "--prometheus", "--clusters", "dev");
        assertThat(prometheus.exit()).isZero();
        assertThat(prometheus.out()).contains("higress_fleet_gateway_up{cluster=\"dev\",gateway=\"dev-gw-1\"} 1");

        // within a cluster; between clusters the simulated TLS secrets differ, as real per-cluster certificates do
        Cli.Run consistent = cli.run("fleet", "consistency", "--clusters", "dev");
        assertThat(consistent.exit()).as(consistent.toString()).isZero();
        assertThat(consistent.out()).containsPattern("routes +yes +1 +- +0");
        Cli.Run fleetWide = cli.run("fleet", "consistency");
        assertThat(fleetWide.exit()).as(fleetWide.toString()).isEqualTo(2);
        assertThat(fleetWide.out()).containsPattern("secrets +no +3 +- +1");
    }

    @Test
    void problemsArePrintedWithTheirHintAndRequestId() {
        Cli.Run unknown = cli.run("get", "routes", "--clusters", "stage");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: Not found (404): unknown cluster 'stage'\n")
                .contains("  hint: GET /api/v1/clusters lists the registered clusters")
                .containsPattern("  request id: [0-9a-f-]{36}");
        assertThat(unknown.out()).isEmpty();

        Cli.Run selector = cli.run("fleet", "ready", "--selector", "env in dev");
        assertThat(selector.exit()).isEqualTo(1);
        assertThat(selector.err()).contains("Invalid request (400)")
                .contains("  - selector: values of 'env' must be in parentheses");

        Cli.Run badToken = cli.run("clusters", "--token", "not-a-key");
        assertThat(badToken.exit()).isEqualTo(1);
        assertThat(badToken.err()).contains("(401)").contains("fleetctl sent the token given with --token");

        Cli.Run viewer = cli.env("FLEET_TOKEN", SimulatedCredentials.VIEWER_KEY)
                .run("rollout", "cancel", "no-such-rollout");
        assertThat(viewer.exit()).isEqualTo(1);
        assertThat(viewer.err()).contains("(403)").contains("hint: ");
    }

    @Test
    void usageErrorsExit3BeforeAnyCall() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("frobnicate"), "Unmatched argument",
                List.of("get", "gateways"), "unknown kind 'gateways': one of routes, plugins, mcp-bridges",
                List.of("get", "routes", "-o", "xml"), "'xml' is not table, json or yaml",
                List.of("apply"), "Missing required option: '--filename=FILE'",
                List.of("apply", "-f", home.resolve("missing.yaml").toString()), "missing.yaml: no such file",
                List.of("get", "routes", "--clusters", ""), "--clusters: empty cluster name",
                List.of("clusters", "--url", "ftp://fleet"), "must be http:// or https://",
                List.of("rollout", "create", "--strategy", "all"), "nothing to roll out",
                List.of("apply", "-f", "x.yaml", "--exit-code"), "--exit-code needs --dry-run",
                List.of("fleet"), "'fleetctl fleet' needs a subcommand");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            Cli.Run run = cli.run(c.getKey().toArray(String[]::new));
            assertThat(run.exit()).as(c.getKey() + ": " + run).isEqualTo(3);
            assertThat(run.err()).as(c.getKey().toString()).contains(c.getValue());
        }
        assertThat(cli.run().exit()).isEqualTo(3);
        assertThat(cli.run("--help").exit()).isZero();
    }

    @Test
    void theConfigFileNamesTheFacadeAndFlagsAndEnvironmentWin() throws Exception {
        Files.createDirectories(cli.configDir());
        Files.writeString(cli.configDir().resolve("config"), "url: " + facade + "\ntimeout: 20s\n");
        cli.env("FLEET_URL", null);
        assertThat(cli.run("clusters").exit()).as("the config file's url").isZero();

        Cli.Run env = cli.env("FLEET_URL", "http://127.0.0.1:1").run("clusters");
        assertThat(env.exit()).isEqualTo(1);
        assertThat(env.err()).contains("cannot reach http://127.0.0.1:1");
        assertThat(cli.run("clusters", "--url", facade.toString()).exit()).as("--url over FLEET_URL").isZero();

        Files.writeString(cli.configDir().resolve("config"), "url: " + facade + "\nurl_typo: x\n");
        Cli.Run typo = cli.run("clusters");
        assertThat(typo.exit()).isEqualTo(3);
        assertThat(typo.err()).contains("unknown key 'url_typo' (known: timeout, url)");
    }
}
