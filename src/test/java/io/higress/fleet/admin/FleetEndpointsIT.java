package io.higress.fleet.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class FleetEndpointsIT extends FleetEndpointsTest {
}
