package io.higress.fleet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.higress.fleet.resources.ManifestParser;

class ManifestsFuzzTest {

    private final ManifestParser parser = new ManifestParser("higress-system");

    @FuzzTest(maxDuration = "5s")
    void manifestsParseOrAre400(String yaml) {
        Refusals.only400(() -> parser.parse(yaml));
    }
}
