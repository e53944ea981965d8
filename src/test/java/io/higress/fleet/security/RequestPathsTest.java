package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/audit, /api/v1/audit",
            "/api/v1/audit/, /api/v1/audit",
            "//api///v1/audit, /api/v1/audit",
            "/api/v1/%61udit, /api/v1/audit",
            "/api/v1/audit;jsessionid=1, /api/v1/audit",
            "/api/v1/user/../audit, /api/v1/audit",
            "/api/v1/user/%2e%2e/audit, /api/v1/audit",
            "/api/v1/./audit, /api/v1/audit",
            "/../../api/v1/audit, /api/v1/audit",
            "/api/v1/a+b, /api/v1/a+b",
            "'', /",
    })
    void resolvesWhatTheRestLayerWouldSee(String raw, String canonical) {
        assertThat(RequestPaths.canonical(raw)).isEqualTo(canonical);
    }
}
