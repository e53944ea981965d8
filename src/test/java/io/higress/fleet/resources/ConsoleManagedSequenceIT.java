package io.higress.fleet.resources;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The console-managed sequence against the packaged application; the console simulator runs in the test JVM. */
@QuarkusIntegrationTest
class ConsoleManagedSequenceIT extends ConsoleManagedSequenceTest {
}
