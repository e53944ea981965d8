package io.higress.fleet.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.higress.fleet.cluster.LabelSelector;
import java.util.HashMap;
import java.util.Map;

class LabelSelectorFuzzTest {

    /** A selector parses (and then matches any labels without failing) or is an IllegalArgumentException (400). */
    @FuzzTest(maxDuration = "5s")
    void selectorsParseOrAreRefused(FuzzedDataProvider data) {
        Map<String, String> labels = new HashMap<>(Map.of("env", "dev"));
        labels.put(data.consumeString(20), data.consumeString(20));
        String text = data.consumeRemainingAsString();
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        selector.matches(labels);
        selector.toString();
    }
}
