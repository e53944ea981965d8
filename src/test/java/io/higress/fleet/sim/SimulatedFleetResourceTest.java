package io.higress.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedFleetResourceTest {

    static class SomeTest {
        @InjectSimulatedFleet
        SimulatedFleet fleet;
    }

    @Test
    void startsTheFleetFromInitArgsAndInjectsIt() throws Exception {
        SimulatedFleetResource resource = new SimulatedFleetResource();
        resource.init(Map.of("clusters", "alpha, beta", "gateways", "3", "without-kubernetes", "beta"));
        Map<String, String> properties = resource.start();
        try {
            assertThat(properties).containsKeys("fleet.clusters.alpha.gateways.direct.alpha-gw-3",
                    "fleet.clusters.alpha.kubernetes.kubeconfig", "fleet.clusters.beta.gateways.direct.beta-gw-1")
                    .doesNotContainKey("fleet.clusters.beta.kubernetes.kubeconfig")
                    .containsEntry("quarkus.kubernetes-client.devservices.enabled", "false");
            SomeTest test = new SomeTest();
            resource.inject(injectorFor(test));
            assertThat(test.fleet).isSameAs(SimulatedFleetResource.fleet());
            assertThat(test.fleet.gatewayNames("alpha")).containsExactly("alpha-gw-1", "alpha-gw-2", "alpha-gw-3");
        } finally {
            resource.stop();
        }
        assertThatThrownBy(SimulatedFleetResource::fleet).isInstanceOf(IllegalStateException.class);
    }

    /** What Quarkus's injector does: set every field the predicate accepts. */
    private static TestInjector injectorFor(Object test) {
        return (value, predicate) -> {
            for (Field field : test.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(test, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
