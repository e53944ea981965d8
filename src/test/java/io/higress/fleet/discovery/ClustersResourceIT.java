package io.higress.fleet.discovery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the stand-in for the native executable). */
@QuarkusIntegrationTest
class ClustersResourceIT extends ClustersResourceTest {
}
