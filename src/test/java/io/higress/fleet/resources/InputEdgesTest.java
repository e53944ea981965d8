package io.higress.fleet.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.RequestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edges of the body parsers: each mistake is a 400 naming what is wrong, never a 500 nor a silent guess. */
class InputEdgesTest {

    private final ManifestParser manifests = new ManifestParser("higress-system");

    private static String message(Problem p) {
        return ((Problem.FieldError) p.errors().get(0)).message();
    }

    @Test
    void duplicateKeysInAJsonBodyNameTheKey() {
        Problem p = Problems.thrownBy(() -> RequestReader.tree(
                "{\"name\": \"r\", \"config\": {\"services\": [{\"name\": \"a\", \"name\": \"b\"}]}}"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(Problems.fields(p)).containsExactly("config.services[0].name");
        assertThat(message(p)).isEqualTo("duplicate key 'name'");
        assertThat(Problems.fields(Problems.thrownBy(() -> RequestReader.tree("{\"a\": 1, \"a\": 2}"))))
                .containsExactly("a");
    }

    @Test
    void duplicateKeysInAManifestAre400() {
        Problem p = Problems.thrownBy(() -> manifests.parse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: a, name: b}
                """));
        assertThat(message(p)).contains("duplicate key 'name'").contains("line 3");
    }

    /** Jackson reads an alias as the anchor's name: {@code http: *h} would become the text "h". */
    @Test
    void yamlAnchorsAndAliasesAreRefused() {
        Problem alias = Problems.thrownBy(() -> manifests.parse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: a
                  annotations: &notes {x: "1"}
                spec:
                  rules:
                  - host: example.com
                    http: *notes
                """));
        assertThat(alias.status()).isEqualTo(400);
        assertThat(Problems.fields(alias)).containsExactly("documents");
        assertThat(message(alias)).contains("anchors and aliases");
    }

    @Test
    void unknownTopLevelFieldsAndMisshapenMetadataAre400() {
        Problem p = Problems.thrownBy(() -> manifests.parse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: a}
                sepc: {rules: []}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: b, labels: [x, y]}
                """));
        assertThat(Problems.fields(p)).containsExactly("documents[0].sepc", "documents[1].metadata");
    }

    @Test
    void aWellFormedManifestStillParses() {
        assertThat(manifests.parse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: a, labels: {x: "1"}}
                spec: {rules: []}
                status: {}
                """)).extracting(o -> o.getMetadata().getName()).isEqualTo(List.of("a"));
    }
}
