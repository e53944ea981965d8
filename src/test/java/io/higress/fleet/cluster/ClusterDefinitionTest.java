package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A registered cluster's definition is checked as the fleet file is: every mistake named by its field. */
class ClusterDefinitionTest {

    static final FleetConfig DEFAULTS = new SmallRyeConfigBuilder()
            .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
            .withMapping(FleetConfig.class).build()
            .getConfigMapping(FleetConfig.class);
    static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: edge, cluster: {server: "https://edge.example:6443"}}]
            contexts: [{name: edge, context: {cluster: edge, user: edge}}]
            current-context: edge
            users: [{name: edge, user: {token: s3cr3t-token}}]
            """;

    static JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<Problem.FieldError> errors(String name, String definition, ClusterCredentials credentials) {
        try {
            ClusterDefinition.parse(name, json(definition), credentials, DEFAULTS, null);
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            return e.problem().errors().stream().map(Problem.FieldError.class::cast).toList();
        }
        throw new AssertionError("accepted: " + definition);
    }

    @Test
    void aValidDefinitionBecomesAnApiCluster() {
        Cluster c = ClusterDefinition.parse("edge", json("""
                {"labels": {"env": "edge", "app.kubernetes.io/part-of": "fleet"},
                 "kubernetes": {"context": "edge"},
                 "gateways": {"admin-mode": "direct", "direct": {"edge-gw-1": "http://127.0.0.1:1500"}},
                 "upstreams": {"envoy-admin": {"timeout": "3s"}}}"""),
                new ClusterCredentials(KUBECONFIG, null, null, null), DEFAULTS, "42");
        assertThat(c.source()).isEqualTo(ClusterSource.API);
        assertThat(c.resourceVersion()).isEqualTo("42");
        assertThat(c.labels()).containsEntry("env", "edge").containsEntry("app.kubernetes.io/part-of", "fleet");
        assertThat(c.hasKubernetes()).isTrue();
        assertThat(c.config().gateways().direct()).containsEntry("edge-gw-1", "http://127.0.0.1:1500");
        assertThat(c.config().upstreams().envoyAdmin().timeout()).hasValueSatisfying(
                d -> assertThat(d.toSeconds()).isEqualTo(3));
        assertThat(c.toString()).doesNotContain("s3cr3t");
        assertThat(c.credentials().toString()).doesNotContain("s3cr3t").contains("kubeconfig");
    }

    @Test
    void everyMistakeIsNamedByItsField() {
        List<Problem.FieldError> errors = errors("Edge_1", """
                {"labels": {"env": "not ok!"},
                 "kubernetes": {"master-url": "ftp://x", "token-file": "/etc/token"},
                 "gateways": {"admin-mode": "sideways", "admin-port": 70000, "colour": "blue"},
                 "management": "console"}""", ClusterCredentials.NONE);
        assertThat(errors).extracting(Problem.FieldError::field)
                .contains("name", "gateways.admin-mode", "gateways.colour");
        // a definition that does not bind is not checked further: the rest once it binds
        List<Problem.FieldError> more = errors("edge", """
                {"labels": {"env": "not ok!"},
                 "kubernetes": {"master-url": "ftp://x", "token-file": "/etc/token"},
                 "gateways": {"admin-port": 70000},
                 "management": "console"}""", new ClusterCredentials(null, null, "not a pem", "pw"));
        assertThat(more).extracting(Problem.FieldError::field).contains("labels.env", "kubernetes.master-url",
                "kubernetes.token-file", "gateways.admin-port", "console", "credentials.ca",
                "credentials.console-password");
        assertThat(more).allSatisfy(e -> assertThat(e.message()).doesNotContain("fleet.clusters"));
    }

    @Test
    void kubernetesAccessIsExactlyOneWay() {
        assertThat(errors("edge", """
                {"kubernetes": {"master-url": "https://edge:6443"}}""",
                new ClusterCredentials(KUBECONFIG, null, null, null)))
                .extracting(Problem.FieldError::field).contains("kubernetes", "credentials.kubeconfig");
        assertThat(errors("edge", "{\"gateways\": {\"admin-mode\": \"port-forward\"}}", ClusterCredentials.NONE))
                .extracting(Problem.FieldError::field).containsExactly("kubernetes");
    }

    @Test
    void aBrokenKubeconfigIsNamedWithoutRepeatingIt() {
        List<Problem.FieldError> errors = errors("edge", "{}",
                new ClusterCredentials("token: s3cr3t-token\n: : :", null, null, null));
        assertThat(errors).extracting(Problem.FieldError::field).contains("credentials.kubeconfig");
        assertThat(errors.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theTokenAndCaGoWithAMasterUrl() {
        Cluster c = ClusterDefinition.parse("edge", json("{\"kubernetes\": {\"master-url\": \"https://edge:6443\"}}"),
                new ClusterCredentials(null, "t0ken", null, null), DEFAULTS, "1");
        assertThat(c.kubernetesServer()).contains("https://edge:6443");
        assertThat(c.labels()).isEqualTo(Map.of());
    }
}
