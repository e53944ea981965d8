package io.higress.fleet.security;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A simulated fleet (dev, test, prod, labelled env=&lt;name&gt;) and API keys with role bindings: a viewer of dev, an
 * operator of dev and test (nothing elsewhere), an admin of dev, and the example, a viewer everywhere who
 * operates dev and test.
 */
public class ScopedRolesProfile implements QuarkusTestProfile {

    static final String DEV_VIEWER = "hf_scoped-dev-viewer-0123456789";
    static final String DEVTEST_OPERATOR = "hf_scoped-devtest-operator-0123456789";
    static final String DEV_ADMIN = "hf_scoped-dev-admin-0123456789";
    static final String TEAM = "hf_scoped-team-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        key(c, "dev-viewer", DEV_VIEWER, null, "viewer", "env=dev");
        key(c, "devtest-operator", DEVTEST_OPERATOR, null, "operator", "env in (dev,test)");
        key(c, "dev-admin", DEV_ADMIN, null, "admin", "env=dev");
        key(c, "team", TEAM, "viewer", "operator", "env in (dev, test)");
        return c;
    }

    private static void key(Map<String, String> c, String name, String key, String roles, String role, String selector) {
        String prefix = "fleet.security.api-keys." + name;
        c.put(prefix + ".sha256", HexFormat.of().formatHex(ApiKeyDigest.of(key)));
        if (roles != null) {
            c.put(prefix + ".roles", roles);
        }
        c.put(prefix + ".bindings[0].role", role);
        c.put(prefix + ".bindings[0].selector", selector);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFleetResource.class, Map.of("gateways", "1")));
    }
}
