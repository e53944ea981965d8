package io.higress.fleet.security;

import io.higress.fleet.sim.SimulatedFleetResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A simulated fleet (dev, prod) behind a facade that also takes the OIDC provider's bearer tokens. */
public class OidcProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFleetResource.class, Map.of("clusters", "dev,prod",
                "gateways", "1")), new TestResourceEntry(OidcProviderResource.class));
    }
}
