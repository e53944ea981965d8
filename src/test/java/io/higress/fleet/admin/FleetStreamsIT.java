package io.higress.fleet.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class FleetStreamsIT extends FleetStreamsTest {
}
