package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> DEV_EU = Map.of("env", "dev", "region", "eu");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "'';true",
            "env=dev;true",
            "env==dev;true",
            "env=prod;false",
            "env!=prod;true",
            "env!=dev;false",
            "env in (dev,test);true",
            "env in (test, prod);false",
            "env notin (test,prod);true",
            "env notin (dev);false",
            "region;true",
            "!region;false",
            "!legacy;true",
            "legacy;false",
            "'env in (dev,test),region=eu';true",
            "'env in (dev,test),region=us';false",
            "' env = dev , region = eu ';true",
            "example.com/tier!=db;true"
    })
    void matchesKubernetesSemantics(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(DEV_EU)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"env in dev", "env in (dev", "env)", "=dev", "env=d@v", "env ~ dev", "env,,region",
            "Bad_Prefix!/x=y", "env=-dev"})
    void rejectsMalformedSelectors(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"env in (dev)", "!env", "env!=dev", "env"})
    void equalityMapRefusesOtherOperators(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector).equalityMap())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void equalityMapKeepsPairs() {
        assertThat(LabelSelector.parse("app=higress-gateway,higress==higress-system-higress-gateway").equalityMap())
                .containsExactly(Map.entry("app", "higress-gateway"),
                        Map.entry("higress", "higress-system-higress-gateway"));
    }
}
