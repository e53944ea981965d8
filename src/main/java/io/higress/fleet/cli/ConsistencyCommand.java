package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code GET /api/v1/fleet/consistency}: configuration drift between gateways. Exit 2 on any drift. */
@Command(name = "consistency", description = "Configuration drift between the gateways: content per section, "
        + "applied xDS versions. Exit 2 when any gateway differs or could not be read.")
final class ConsistencyCommand extends FleetRead {
    ConsistencyCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) {
        JsonNode answer = client.get("/api/v1/fleet/consistency", query()).json();
        Table table = new Table("SECTION", "CONSISTENT", "GROUPS", "OUTLIERS", "DIFFERING RESOURCES");
        boolean drift = false;
        for (JsonNode section : answer.path("content").path("sections")) {
            boolean consistent = section.path("consistent").asBoolean();
            drift |= !consistent;
            table.row(Json.text(section, "section"), Json.cell(section.get("consistent")),
                    String.valueOf(section.path("groups").size()), gateways(section.path("outliers")),
                    String.valueOf(section.path("differingResources").size()));
        }
        for (JsonNode section : answer.path("versions")) {
            boolean consistent = section.path("outliers").isEmpty();
            drift |= !consistent;
            table.row(Json.text(section, "section") + " (version)", consistent ? "yes" : "no",
                    String.valueOf(section.path("groups").size()), gateways(section.path("outliers")), "-");
        }
        if (!output.printRaw(answer, terminal)) {
            table.print(terminal.out);
        }
        for (JsonNode unavailable : answer.path("unavailable")) {
            terminal.err.println(FleetRead.where(unavailable) + ": its configuration could not be read");
            Problems.nested(unavailable.path("error"), "  ").forEach(terminal.err::println);
            drift = true;
        }
        if (drift) {
            terminal.err.println("drift: the gateways' configurations differ (-o yaml shows the groups and resources)");
        }
        return drift ? Exit.PARTIAL : Exit.OK;
    }

    private static String gateways(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(g -> names.add(Json.text(g, "cluster") + "/" + Json.text(g, "gateway")));
        return names.isEmpty() ? "-" : String.join(",", names);
    }
}
