package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Envoy's {@code /stats} in either format.
 *
 * @param values       counters and gauges
 * @param textReadouts text readouts (quoted in the text format), unquoted
 * @param histograms   histogram name → Envoy's text summary, e.g. {@code P0(nan,1.0) P25(nan,1.02) ...} or
 *                     {@code No recorded values}; JSON histograms are rendered in the same form
 */
@RegisterForReflection
public record StatsSnapshot(Map<String, Long> values, Map<String, String> textReadouts,
        Map<String, String> histograms) {

    public Long value(String name) {
        return values.get(name);
    }
}
