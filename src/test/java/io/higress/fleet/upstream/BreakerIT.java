package io.higress.fleet.upstream;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the stand-in for the native executable). */
@QuarkusIntegrationTest
class BreakerIT extends BreakerTest {
}
