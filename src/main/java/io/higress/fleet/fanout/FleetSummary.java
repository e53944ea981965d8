package io.higress.fleet.fanout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record FleetSummary(int total, int ok, int failed) {
    public static FleetSummary of(List<FleetItem> items) {
        int ok = (int) items.stream().filter(FleetItem::isOk).count();
        return new FleetSummary(items.size(), ok, items.size() - ok);
    }
}
