package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.security.AccessTable.Requirement;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessTableTest {

    private final AccessTable table = AccessTable.standard(Optional.of(Role.VIEWER));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/v1/user/login, open",
            "GET, /api/v1/user/login, viewer",
            "GET, /q/health, open",
            "GET, /q/health/ready, open",
            "GET, /q/openapi, open",
            "GET, /q/metrics, viewer",
            "GET, /q/anything-new, viewer",
            "POST, /q/anything-new, operator",
            "GET, /api/v1/clusters, viewer",
            "HEAD, /api/v1/clusters/dev, viewer",
            "POST, /api/v1/routes, operator",
            "PUT, /api/v1/routes/r1, operator",
            "DELETE, /api/v1/routes/r1, operator",
            "PATCH, /api/v1/some/future/endpoint, operator",
            "GET, /api/v1/audit, admin",
            "GET, /api/v1/audit/x, admin",
            "DELETE, /api/v1/audit, admin",
            "GET, /api/v1/clusters/dev/gateways/gw-1/admin/config_dump, viewer",
            "POST, /api/v1/clusters/dev/gateways/gw-1/admin/quitquitquit, admin",
            "POST, /api/v1/clusters/dev/gateways/gw-1/admin/runtime_modify/x, admin",
            "POST, /api/v1/fleet/logging, operator",
            "GET, /, viewer",
            "DELETE, /anything, operator",
    })
    void everyPathHasItsRequirement(String method, String path, String expected) {
        Requirement r = table.requirementFor(method, path);
        assertThat(r.isOpen() ? "open" : r.role().label()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"GET", "POST"})
    void metricsCanBeOpened(String method) {
        assertThat(AccessTable.standard(Optional.empty()).requirementFor(method, "/q/metrics").isOpen()).isTrue();
    }
}
