package io.higress.fleet.admin.routes;

import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.FleetSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The fleet route table: its rows ({@code items}, as every fleet read names its answer's list), the gateways asked
 * ({@code summary}), and the error items of those whose dump could not be read ({@code unavailable}, mapped
 * problems naming cluster and gateway; {@code partial} then true).
 */
@RegisterForReflection
public record RouteTableAnswer(List<RouteRow> items, FleetSummary summary, boolean partial,
        List<FleetItem> unavailable) {
}
