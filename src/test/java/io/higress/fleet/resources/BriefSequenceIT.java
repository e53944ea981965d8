package io.higress.fleet.resources;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The brief's §3.2 sequence against the packaged application (prod profile). */
@QuarkusIntegrationTest
class BriefSequenceIT extends BriefSequenceTest {
}
