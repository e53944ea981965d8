package io.higress.fleet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.higress.fleet.rollout.GoDuration;
import java.time.Duration;

class DurationsFuzzTest {

    /** A duration (waitTime) is non-negative, or an IllegalArgumentException naming the mistake (400). */
    @FuzzTest(maxDuration = "5s")
    void durationsParseOrAreRefused(String text) {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(d.isNegative()).isFalse();
    }
}
