package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"5m,300000", "30s,30000", "1h30m,5400000", "500ms,500", "1.5h,5400000", "0,0", "0s,0",
            "2m30s500ms,150500",
            "1.0000001ms,1", "2562047h,9223369200000"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    /** Overflowing or absurdly long text is a 400's IllegalArgumentException, not an ArithmeticException's 500. */
    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 m", "-5m", "5min", "m", "1h 30m", "PT5M", "9223372036854775808ns",
            "2562048h", "99999999999999999999h", "1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h1h"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
