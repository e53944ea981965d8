package io.higress.fleet.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.plugin.PluginSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The write limits' rules, without a fleet: which urls a prefix allows, and what of a write is checked. */
class WriteLimitsTest {
    static final WriteLimits DEFAULTS = new WriteLimits(List.of("higress-system", "apps"),
            List.of(FleetConfig.Resources.PLUGIN_REGISTRIES.split(",")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/ai-proxy:1.0.0, true",
            "oci://higress-registry.us-west-1.cr.aliyuncs.com/plugins/key-auth:2.0.0, true",
            "oci://higress-registry.ap-southeast-7.cr.aliyuncs.com/plugins/waf:1.0.0, true",
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins-evil/x:1, false",
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/other/x:1, false",
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com.evil.io/plugins/x:1, false",
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/../../evil/x:1, false",
            "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/%2e%2e/x:1, false",
            "https://evil.example.com/plugin.wasm, false",
            "oci://OCI.example.com/x:1, false"})
    void theDefaultAllowsHigresssRegistryAndItsMirrorsOnly(String url, boolean allowed) {
        assertThat(DEFAULTS.allowed(url)).isEqualTo(allowed);
    }

    @Test
    void aPrefixEndsWhereAHostOrSegmentEnds() {
        WriteLimits limits = new WriteLimits(List.of("higress-system"), List.of("oci://reg.example.com",
                "https://wasm.example.com/team-a"));
        assertThat(limits.allowed("oci://reg.example.com/x:1")).isTrue();
        assertThat(limits.allowed("oci://reg.example.com:5000/x:1")).isTrue();
        assertThat(limits.allowed("oci://reg.example.com.evil.io/x:1")).isFalse();
        assertThat(limits.allowed("oci://reg.example.com@evil.io/x:1")).isFalse();
        assertThat(limits.allowed("https://wasm.example.com/team-a/p.wasm")).isTrue();
        assertThat(limits.allowed("https://wasm.example.com/team-ab/p.wasm")).isFalse();
        assertThat(new WriteLimits(List.of("higress-system"), List.of("*")).allowed("file:///opt/p.wasm")).isTrue();
    }

    @Test
    void aPluginBodyIsCheckedThroughTheWasmPluginItsKindWrites() {
        Kind<PluginSpec> plugins = (Kind<PluginSpec>) Kinds.byPlural("plugins");
        PluginSpec evil = new PluginSpec("mine", "WasmPlugin", null, null, Map.of(), "oci://evil.example.com/mine:1",
                null, null, null);
        List<FieldError> errors = DEFAULTS.model(plugins, evil, "higress-system", "");
        assertThat(errors).extracting(FieldError::field).containsExactly("url");
        assertThat(errors.get(0).message()).contains("oci://evil.example.com/mine:1", WriteLimits.PLUGIN_URLS);
        assertThat(DEFAULTS.model(plugins, evil, "higress-system", "plugins[2]")).extracting(FieldError::field)
                .containsExactly("plugins[2].url");

        PluginSpec builtIn = new PluginSpec("ai-proxy", "WasmPlugin", null, null, Map.of(), null, null, null, null);
        assertThat(DEFAULTS.model(plugins, builtIn, "higress-system", "")).as("the default image").isEmpty();
        List<FieldError> elsewhere = DEFAULTS.model(plugins, builtIn, "other", "");
        assertThat(elsewhere).extracting(FieldError::field).containsExactly("namespace");
        assertThat(elsewhere.get(0).message()).contains("'other'", WriteLimits.NAMESPACES, "higress-system, apps");
    }

    @Test
    void aManifestsWasmPluginAndNamespaceAreChecked() {
        ObjectNode o = (ObjectNode) Json.tree(Map.of("apiVersion", "extensions.higress.io/v1alpha1",
                "kind", "WasmPlugin", "metadata", Map.of("name", "p", "namespace", "kube-system"),
                "spec", Map.of("url", "https://evil.example.com/p.wasm")));
        assertThat(DEFAULTS.object(o, "documents[1]")).extracting(FieldError::field)
                .containsExactly("documents[1].metadata.namespace", "documents[1].spec.url");
        ObjectNode ingress = (ObjectNode) Json.tree(Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                "metadata", Map.of("name", "r", "namespace", "apps"), "spec", Map.of("url", "not a plugin")));
        assertThat(DEFAULTS.object(ingress, "documents[0]")).isEmpty();
    }
}
