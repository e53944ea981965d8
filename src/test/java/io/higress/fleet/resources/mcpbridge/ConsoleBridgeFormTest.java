package io.higress.fleet.resources.mcpbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import io.higress.fleet.problem.RequestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bridge registries ⇄ console service sources, without HTTP. */
class ConsoleBridgeFormTest {
    static final String BRIDGE = """
            {"name":"nacos-bridge","nacos":[{"name":"nacos-prod","address":"nacos-prod.example.com:8848","namespaceId":"prod"}]}""";

    final ConsoleBridgeForm form = new ConsoleBridgeForm();

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void briefBridgeBecomesOneNacosServiceSourceWithTheDefaultGroup() throws Exception {
        McpBridgeSpec b = RequestReader.read(BRIDGE, McpBridgeSpec.class);
        List<ObjectNode> sources = form.toConsole(b);
        assertThat(sources).hasSize(1);
        assertThat((JsonNode) sources.get(0)).isEqualTo(json("""
                {"name":"nacos-prod","type":"nacos2","domain":"nacos-prod.example.com","port":8848,
                 "properties":{"nacosNamespaceId":"prod","nacosGroups":["DEFAULT_GROUP"]}}"""));
        McpBridgeSpec back = ConsoleBridgeForm.fromConsole("default", List.copyOf(sources));
        assertThat(back.nacos()).containsExactly(new McpBridgeSpec.Nacos("nacos-prod", "nacos-prod.example.com:8848",
                "prod", "nacos2", List.of("DEFAULT_GROUP")));
    }

    @Test
    void staticAndDnsRegistriesKeepTheirNames() {
        McpBridgeSpec b = new McpBridgeSpec("b", null, null,
                List.of(new McpBridgeSpec.Static("fixed", List.of("10.0.0.1:80", "10.0.0.2:80"), null)),
                List.of(new McpBridgeSpec.Dns("test2-svc", "example.org", 443, "https")), null);
        assertThat(form.toConsole(b)).extracting(s -> s.path("name").asText() + " " + s.path("type").asText() + " "
                + s.path("domain").asText() + ":" + s.path("port").asInt())
                .containsExactly("fixed static 10.0.0.1:80,10.0.0.2:80:80", "test2-svc dns example.org:443");
    }

    @Test
    void aConsulRegistryWithoutDatacenterIsA400OnTheConsole() {
        McpBridgeSpec b = new McpBridgeSpec("b", null,
                List.of(new McpBridgeSpec.Consul("c1", "consul.example.com", null, null)), null, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> form.toConsole(b))
                .isInstanceOf(io.higress.fleet.problem.ProblemException.class)
                .satisfies(t -> assertThat(((io.higress.fleet.problem.ProblemException) t).problem().errors())
                        .singleElement().satisfies(e -> {
                            var f = (io.higress.fleet.problem.Problem.FieldError) e;
                            assertThat(f.field()).isEqualTo("consul[0].datacenter");
                            assertThat(f.message()).contains("consulDatacenter");
                        }));
    }
}
