package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code GET /api/v1/clusters} (the registry), or one cluster and its gateway pods. */
@Command(name = "clusters", description = "The registered clusters: labels, gateways, status; or one cluster's "
        + "gateways. Exit 2 when a cluster is degraded or unreachable.")
final class ClustersCommand extends ApiCommand {
    @Parameters(arity = "0..1", paramLabel = "CLUSTER", description = "One cluster: its gateway pods.")
    String cluster;

    @Mixin
    OutputOption output;

    ClustersCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) {
        if (cluster != null) {
            return gateways(client);
        }
        JsonNode answer = client.get("/api/v1/clusters", null).json();
        Exit exit = Exit.OK;
        List<String> problems = new ArrayList<>();
        Table table = new Table("NAME", "STATUS", "GATEWAYS", "MANAGEMENT", "LABELS", "API SERVER");
        for (JsonNode c : answer.path("items")) {
            if (!c.has("status")) { // outside the caller's scope: a directory entry, name and labels only
                table.row(Json.text(c, "name"), "-", "-", Json.text(c, "management"), labels(c.path("labels")), "-");
                continue;
            }
            String status = Json.text(c, "status");
            if (!"ok".equals(status)) {
                exit = Exit.PARTIAL;
                problems.add("cluster " + Json.text(c, "name") + " is " + status
                        + (Json.text(c, "error") == null ? "" : ": " + Json.text(c, "error")));
            }
            table.row(Json.text(c, "name"), status, Json.integer(c.path("gateways"), "ready") + "/"
                    + Json.integer(c.path("gateways"), "discovered") + " ready", Json.text(c, "management"),
                    labels(c.path("labels")), Json.text(c.path("kubernetes"), "server"));
        }
        if (!output.printRaw(answer, terminal)) {
            table.print(terminal.out);
        }
        problems.forEach(terminal.err::println);
        return exit;
    }

    private Exit gateways(FleetClient client) {
        String path = "/api/v1/clusters/" + Paths.segment("cluster", cluster) + "/gateways";
        JsonNode answer = client.get(path, null).json();
        if (output.printRaw(answer, terminal)) {
            return Exit.OK;
        }
        Table table = new Table("GATEWAY", "READY", "PHASE", "ADMIN ACCESS");
        for (JsonNode g : answer.path("items")) {
            table.row(Json.text(g, "name"), Json.cell(g.get("ready")), Json.text(g, "phase"),
                    Json.text(g, "adminAccess"));
        }
        table.print(terminal.out);
        return Exit.OK;
    }

    static String labels(JsonNode labels) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            pairs.add(e.getKey() + "=" + e.getValue().asText());
        }
        return pairs.isEmpty() ? "-" : String.join(",", pairs);
    }
}
