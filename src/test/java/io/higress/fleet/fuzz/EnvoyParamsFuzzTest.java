package io.higress.fleet.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.admin.read.FleetReadRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class EnvoyParamsFuzzTest {

    private static final AdminEndpoint[] ENDPOINTS = AdminEndpoint.values();

    /** Query parameters for Envoy (mask, resource, filter, type, ...) are checked into a query, or a 400. */
    @FuzzTest(maxDuration = "5s")
    void envoyParametersAreCheckedOrAre400(FuzzedDataProvider data) {
        AdminEndpoint endpoint = data.pickValue(ENDPOINTS);
        List<String> names = new ArrayList<>(endpoint.envoyParams());
        Map<String, List<String>> params = new LinkedHashMap<>();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            String name = names.isEmpty() || data.consumeBoolean() ? data.consumeString(12) : data.pickValue(names);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(data.consumeString(200));
        }
        Refusals.only400(() -> FleetReadRequest.envoyParams(endpoint, params));
    }
}
