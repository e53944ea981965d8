package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.FleetSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The fleet route table: its rows ({@code items}, as every fleet read names its answer's list), the gateways asked
 * ({@code summary}), and the error items of those whose dump could not be read ({@code unavailable}, mapped
 * problems naming cluster and gateway; {@code partial} then true).
 */
@RegisterForReflection
public record RouteTableAnswer(List<RouteRow> items, FleetSummary summary, boolean partial,
        List<FleetItem> unavailable) {

    /** The same table with each row's match passed through {@code match} (the redaction of a viewer's view). */
    public RouteTableAnswer withMatches(UnaryOperator<JsonNode> match) {
        return new RouteTableAnswer(items.stream().map(r -> new RouteRow(r.routeConfig(), r.virtualHost(),
                match.apply(r.match()), r.route(), r.action(), r.upstreams(), r.domains(), r.version(), r.clusters(),
                r.gateways(), r.differs(), r.differences(), r.variants())).toList(), summary, partial, unavailable);
    }
}
