package io.higress.fleet.fanout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The contract's §4 body: items in completion order, counts, and whether some targets failed. */
@RegisterForReflection
public record FleetAnswer(List<FleetItem> items, FleetSummary summary, boolean partial) {
    public static FleetAnswer of(List<FleetItem> items) {
        FleetSummary summary = FleetSummary.of(items);
        return new FleetAnswer(items, summary, summary.failed() > 0);
    }
}
