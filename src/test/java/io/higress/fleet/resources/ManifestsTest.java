package io.higress.fleet.resources;

import static io.higress.fleet.sim.FleetApi.asAdmin;
import static io.higress.fleet.sim.FleetApi.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/v1/manifests} with the real Higress samples, and export from one cluster into another. */
@QuarkusTest
@QuarkusTestResource(value = SimulatedFleetResource.class, restrictToAnnotatedClass = true, initArgs = {
        // the Higress samples write to these namespaces and pull one plugin from another registry
        @ResourceArg(name = "fleet.resources.namespaces", value = "higress-system,default,higress-conformance-infra"),
        @ResourceArg(name = "fleet.resources.plugin-urls", value = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/"
                + "plugins/,oci://registry.cn-hangzhou.aliyuncs.com/")})
class ManifestsTest {

    static List<Path> samples() {
        return Fixtures.samples();
    }

    /** Each sample applied to dev reads back with the same spec (and the facade's label added); then removed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyHigressSampleRoundTrips(Path sample) {
        String yaml = Fixtures.read(sample);
        List<GenericKubernetesResource> expected = new ManifestParser(ClusterState.NS).parse(yaml);
        asOperator().queryParam("clusters", "dev").queryParam("force", true).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/api/v1/manifests").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")));
        for (GenericKubernetesResource want : expected) {
            GenericKubernetesResource got = SimulatedFleetResource.fleet().client("dev")
                    .genericKubernetesResources(ClusterState.type(want.getKind()))
                    .inNamespace(want.getMetadata().getNamespace()).withName(want.getMetadata().getName()).get();
            assertThat(got).as(want.getKind() + " " + want.getMetadata().getName()).isNotNull();
            assertThat(got.getAdditionalProperties().get("spec")).isEqualTo(want.getAdditionalProperties().get("spec"));
            assertThat(Ownership.isManaged(got)).isTrue();
        }
        // Samples reuse names (every McpBridge is "default"): leave dev as it was for the next one.
        expected.forEach(o -> SimulatedFleetResource.fleet().client("dev")
                .genericKubernetesResources(ClusterState.type(o.getKind())).inNamespace(o.getMetadata().getNamespace())
                .withName(o.getMetadata().getName()).delete());
    }

    @Test
    void anExportAppliedToAnotherClusterReproducesTheObjects() {
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"copied-route\", \"domain\": [\"c.example.com\"], \"paths\": [\"/c/*\", \"/exact\"], "
                        + "\"serviceName\": \"svc\", \"servicePort\": 8080}")
                .post("/api/v1/routes").then().statusCode(201);
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"key-auth\", \"priority\": 310, \"config\": {\"consumers\": "
                        + "[{\"name\": \"c1\", \"credential\": \"k1\"}], \"keys\": [\"x-api-key\"]}, \"enabled\": false}")
                .post("/api/v1/plugins").then().statusCode(201);
        asOperator().queryParam("clusters", "test").contentType("application/json")
                .body("{\"name\": \"copied-bridge\", \"static\": [{\"name\": \"s1\", \"addresses\": [\"10.0.0.1:80\"]}]}")
                .post("/api/v1/mcp-bridges").then().statusCode(201);

        String exported = asAdmin().queryParam("clusters", "test").get("/api/v1/export").then().statusCode(200)
                .contentType(containsString("application/yaml")).extract().asString();
        assertThat(exported).contains("copied-route", "key-auth", "copied-bridge").doesNotContain("resourceVersion");

        asOperator().queryParam("clusters", "prod").contentType("application/yaml")
                .body(exported.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(201)
                .body("results.status", everyItem(equalTo("created")));
        for (Map.Entry<String, String> o : Map.of("copied-route", "Ingress", "key-auth", "WasmPlugin",
                "copied-bridge", "McpBridge").entrySet()) {
            GenericKubernetesResource source = ClusterState.get("test", o.getValue(), o.getKey());
            GenericKubernetesResource copy = ClusterState.get("prod", o.getValue(), o.getKey());
            assertThat(copy).as(o.getKey()).isNotNull();
            assertThat(ObjectDiff.diff(source, copy)).as(o.getKey()).isEmpty();
        }
        // Applying the same export again changes nothing; an operator's apply never confirms the secret it sends
        asAdmin().queryParam("clusters", "prod").contentType("application/yaml")
                .body(exported.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(200)
                .body("results.status", everyItem(equalTo("unchanged")));
        asOperator().queryParam("clusters", "prod").contentType("application/yaml")
                .body(exported.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(200)
                .body("results.find { it.name == 'key-auth' }.status", equalTo("updated"))
                .body("results.findAll { it.name != 'key-auth' }.status", everyItem(equalTo("unchanged")));
    }

    @Test
    void nonAdminsGetSecretsRedactedInTheExport() {
        asOperator().queryParam("clusters", "dev").contentType("application/json")
                .body("{\"name\": \"ai-proxy\", \"config\": {\"provider\": {\"type\": \"openai\", \"apiTokens\": [\"sk-secret\"]}}}")
                .post("/api/v1/plugins").then().statusCode(201);
        assertThat(asOperator().queryParam("clusters", "dev").get("/api/v1/export").then().statusCode(200)
                .extract().asString()).contains("ai-proxy").doesNotContain("sk-secret").contains("[redacted]");
    }

    @Test
    void aManifestOfAnotherKindIsA400AndNothingIsWritten() {
        Map<String, String> before = ClusterState.snapshot();
        asOperator().contentType("application/yaml")
                .body(("apiVersion: networking.higress.io/v1\nkind: McpBridge\nmetadata:\n  name: ok-bridge\nspec: {}\n"
                        + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/manifests").then().statusCode(400)
                .body("errors.field", hasItem("documents[1].kind"));
        assertThat(ClusterState.snapshot()).isEqualTo(before);
    }
}
