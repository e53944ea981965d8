package io.higress.fleet.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class FleetHealthIT extends FleetHealthTest {
}
