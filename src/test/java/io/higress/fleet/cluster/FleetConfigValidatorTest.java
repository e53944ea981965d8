package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of mistake in the fleet file is reported with its key. */
class FleetConfigValidatorTest {

    @TempDir
    static Path dir;
    static String kubeconfig;

    @BeforeAll
    static void files() throws IOException {
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n").toString();
    }

    static FleetConfig config(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(FleetConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build();
        return config.getConfigMapping(FleetConfig.class);
    }

    static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("fleet.clusters.dev.labels.env", "dev");
        p.put("fleet.clusters.dev.kubernetes.kubeconfig", kubeconfig);
        p.put("fleet.clusters.dev.gateways.admin-mode", "port-forward");
        p.put("fleet.clusters.edge.gateways.admin-mode", "direct");
        p.put("fleet.clusters.edge.gateways.direct.gw-1", "http://127.0.0.1:15000");
        return p;
    }

    @Test
    void aValidFleetHasNoErrors() {
        assertThat(FleetConfigValidator.validate(config(valid()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "fleet.clusters.Dev_1.gateways.direct.gw;http://127.0.0.1:1;fleet.clusters.Dev_1",
            "fleet.clusters.dev.kubernetes.kubeconfig;/nope/kubeconfig;fleet.clusters.dev.kubernetes.kubeconfig",
            "fleet.clusters.dev.kubernetes.token-file;/nope/token;fleet.clusters.dev.kubernetes.token-file",
            "fleet.clusters.edge.gateways.direct.gw-2;ftp://10.0.0.1:15000;fleet.clusters.edge.gateways.direct.gw-2",
            "fleet.clusters.edge.gateways.direct.gw-3;not a url;fleet.clusters.edge.gateways.direct.gw-3",
            "fleet.clusters.dev.gateways.admin-port;70000;fleet.clusters.dev.gateways.admin-port",
            "fleet.clusters.dev.gateways.selector;app in (a);fleet.clusters.dev.gateways.selector",
            "fleet.clusters.dev.management;console;fleet.clusters.dev.console",
            "fleet.clusters.dev.kubernetes.master-url;https://k8s.example:6443;fleet.clusters.dev.kubernetes",
            "fleet.clusters.dev.labels.env;-bad-;fleet.clusters.dev.labels.env",
            "fleet.clusters.ro.gateways.admin-mode;port-forward;fleet.clusters.ro.kubernetes",
            // a cluster's guard overrides are checked like the defaults (a window of 0 hung every call)
            "fleet.clusters.dev.upstreams.envoy-admin.breaker-window;0;fleet.clusters.dev.upstreams.envoy-admin",
            "fleet.clusters.dev.upstreams.kubernetes.concurrency;0;fleet.clusters.dev.upstreams.kubernetes",
            "fleet.clusters.dev.upstreams.console.timeout;0s;fleet.clusters.dev.upstreams.console",
            "fleet.upstreams.envoy-admin.retries;-1;fleet.upstreams.envoy-admin",
            "fleet.resources.namespaces;apps,Bad_NS;fleet.resources.namespaces",
            "fleet.resources.namespaces;apps;fleet.resources.namespaces",
            "fleet.resources.plugin-urls;registry.example.com/plugins/;fleet.resources.plugin-urls",
            "fleet.resources.plugin-urls;oci://;fleet.resources.plugin-urls",
            "fleet.clusters.dev.routes-api;gateway;fleet.clusters.dev.gateway-parent",
            "fleet.clusters.dev.gateway-parent;higress-gateway;fleet.clusters.dev.gateway-parent",
            "fleet.clusters.dev.gateway-parent;Bad_NS/gw;fleet.clusters.dev.gateway-parent",
            // two holders would drive at once: the deadline must end before the Lease does
            "fleet.home.lease.renew-deadline;20s;fleet.home.lease.duration",
            "fleet.home.lease.retry-period;0s;fleet.home.lease.retry-period",
            "fleet.home.lease.retry-period;9s;fleet.home.lease.renew-deadline",
            "fleet.home.lease.name;Bad_Name;fleet.home.lease.name",
    })
    void eachMistakeNamesItsKey(String key, String value, String expectedKey) {
        Map<String, String> p = valid();
        p.put(key, value);
        List<String> errors = FleetConfigValidator.validate(config(p));
        assertThat(errors).isNotEmpty();
        assertThat(errors).anyMatch(e -> e.startsWith(expectedKey + ":") || e.startsWith(expectedKey + "."));
    }

    @Test
    void writeLimitsThatIncludeTheDefaultNamespaceAndNameTheirSchemesAreValid() {
        Map<String, String> p = valid();
        p.put("fleet.resources.namespaces", "higress-system,apps");
        p.put("fleet.resources.plugin-urls", "oci://registry.example.com/plugins/,https://wasm.example.com/");
        assertThat(FleetConfigValidator.validate(config(p))).isEmpty();
        p.put("fleet.resources.plugin-urls", "*");
        assertThat(FleetConfigValidator.validate(config(p))).isEmpty();
        assertThat(config(valid()).resources().pluginUrls()).as("Higress's registry and its mirrors by default")
                .containsExactly("oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/",
                        "oci://higress-registry.us-west-1.cr.aliyuncs.com/plugins/",
                        "oci://higress-registry.ap-southeast-7.cr.aliyuncs.com/plugins/");
    }

    @Test
    void namesDifferingOnlyInCaseAreDuplicates() {
        Map<String, String> p = valid();
        p.put("fleet.clusters.EDGE.gateways.admin-mode", "direct");
        p.put("fleet.clusters.EDGE.gateways.direct.gw-1", "http://127.0.0.1:15001");
        List<String> errors = FleetConfigValidator.validate(config(p));
        assertThat(errors).anyMatch(e -> e.contains("duplicate cluster name"));
    }

    @Test
    void theExceptionListsEveryError() {
        Map<String, String> p = valid();
        p.put("fleet.clusters.dev.gateways.admin-port", "70000");
        p.put("fleet.clusters.edge.gateways.direct.gw-1", "ftp://x");
        FleetConfigurationException e = new FleetConfigurationException(FleetConfigValidator.validate(config(p)));
        assertThat(e.getMessage()).contains("fleet.clusters.dev.gateways.admin-port")
                .contains("fleet.clusters.edge.gateways.direct.gw-1");
    }

    /**
     * {@code management} and {@code admin-mode} are enums in the mapping: a value outside the set stops the mapping
     * itself, every such mistake listed with its key and the value given (the validator never sees a wrong one).
     */
    @Test
    void valuesOfAFixedSetAreTypedAndEachMistakeNamesItsKey() {
        Map<String, String> p = valid();
        p.put("fleet.clusters.dev.gateways.admin-mode", "exec");
        p.put("fleet.clusters.dev.management", "git");
        ConfigValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ConfigValidationException.class, () -> config(p));
        assertThat(e).as("the mapping refuses the values").isNotNull();
        List<String> problems = java.util.stream.IntStream.range(0, e.getProblemCount())
                .mapToObj(i -> e.getProblem(i).getMessage()).toList();
        assertThat(problems).anyMatch(m -> m.contains("fleet.clusters.dev.gateways.admin-mode") && m.contains("exec"))
                .anyMatch(m -> m.contains("fleet.clusters.dev.management") && m.contains("git"));

        Map<String, String> ok = valid();
        ok.put("fleet.clusters.dev.management", "console");
        ok.put("fleet.clusters.dev.console.url", "http://console:8080");
        FleetConfig typed = config(ok);
        assertThat(typed.clusters().get("dev").management()).isEqualTo(Management.CONSOLE);
        assertThat(typed.clusters().get("dev").gateways().adminMode()).isEqualTo(AdminMode.PORT_FORWARD);
        assertThat(typed.clusters().get("edge").gateways().adminMode()).isEqualTo(AdminMode.DIRECT);
    }

    /**
     * {@code routes-api} is typed like {@code management}; {@code gateway} needs the Gateway its HTTPRoutes attach to,
     * and a console-managed cluster cannot have it: the console writes Ingresses.
     */
    @Test
    void theRoutesApiIsTypedAndAConsoleManagedClusterCannotUseTheGatewayApi() {
        assertThat(config(valid()).clusters().get("dev").routesApi()).as("default").isEqualTo(RoutesApi.INGRESS);
        Map<String, String> gateway = valid();
        gateway.put("fleet.clusters.dev.routes-api", "gateway");
        gateway.put("fleet.clusters.dev.gateway-parent", "higress-system/higress-gateway");
        FleetConfig typed = config(gateway);
        assertThat(FleetConfigValidator.validate(typed)).isEmpty();
        assertThat(typed.clusters().get("dev").routesApi()).isEqualTo(RoutesApi.GATEWAY);
        assertThat(GatewayParent.parse(typed.clusters().get("dev").gatewayParent().orElseThrow()))
                .isEqualTo(new GatewayParent("higress-system", "higress-gateway"));

        Map<String, String> console = valid();
        console.put("fleet.clusters.dev.management", "console");
        console.put("fleet.clusters.dev.console.url", "http://console:8080");
        console.put("fleet.clusters.dev.routes-api", "gateway");
        assertThat(FleetConfigValidator.validate(config(console)))
                .anyMatch(e -> e.startsWith("fleet.clusters.dev.routes-api:") && e.contains("console"))
                .noneMatch(e -> e.startsWith("fleet.clusters.dev.gateway-parent"));

        Map<String, String> wrong = valid();
        wrong.put("fleet.clusters.dev.routes-api", "gateway-api");
        ConfigValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ConfigValidationException.class, () -> config(wrong));
        assertThat(e).as("the mapping refuses the value").isNotNull();
        assertThat(e.getProblem(0).getMessage()).contains("fleet.clusters.dev.routes-api").contains("gateway-api");
    }
}
