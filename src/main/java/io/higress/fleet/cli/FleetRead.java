package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A read of Envoy admin across the targeted gateways ({@code /api/v1/fleet/...}): targeting and output options. */
abstract class FleetRead extends ApiCommand {
    @Mixin
    OutputOption output;

    @Mixin
    TargetingOptions targeting;

    FleetRead(Terminal terminal) {
        super(terminal);
    }

    Query query() {
        return targeting.addTo(new Query());
    }

    /**
     * The fan-out answer's failed gateways on standard error, with their problems, and the exit code: 0 when every
     * gateway answered (and {@code good} holds for it), 1 when none did, 2 in between.
     */
    Exit report(JsonNode answer, ItemCheck good) {
        int ok = 0;
        List<String> lines = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            String where = where(item);
            if (!"ok".equals(Json.text(item, "status"))) {
                lines.add(where + ":");
                lines.addAll(Problems.nested(item.path("error"), "  "));
            } else {
                String bad = good.problem(item.path("data"));
                if (bad == null) {
                    ok++;
                } else {
                    lines.add(where + ": " + bad);
                }
            }
        }
        lines.forEach(terminal.err::println);
        return Exit.of(ok, answer.path("items").size() - ok);
    }

    /** {@code cluster/gateway}, or the cluster alone when its gateways could not even be listed. */
    static String where(JsonNode item) {
        String gateway = Json.text(item, "gateway");
        return Json.text(item, "cluster") + (gateway == null ? "" : "/" + gateway);
    }

    /** Says what is wrong with a gateway that answered, or null. */
    interface ItemCheck {
        ItemCheck ANSWERED = data -> null;

        String problem(JsonNode data);
    }

    static List<JsonNode> items(JsonNode answer) {
        List<JsonNode> items = Json.list(answer.path("items"));
        items.sort(Comparator.comparing(FleetRead::where));
        return items;
    }
}
