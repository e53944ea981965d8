package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetctl fleet ...}: Envoy admin across the fleet (docs/fleet-reads.md). */
@Command(name = "fleet", description = "Envoy admin across the targeted gateways.",
        subcommands = {FleetCommand.Ready.class, HealthCommand.class, ConfigDumpCommand.class,
                FleetCommand.Stats.class, ConsistencyCommand.class})
final class FleetCommand extends CommandGroup {
    FleetCommand(Terminal terminal) {
        super(terminal);
    }

    @Command(name = "ready", description = "Envoy's /ready on every gateway. Exit 2 when some are not LIVE or did "
            + "not answer, 1 when none is.")
    static final class Ready extends FleetRead {
        Ready(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) {
            JsonNode answer = client.get("/api/v1/fleet/ready", query()).json();
            if (!output.printRaw(answer, terminal)) {
                Table table = new Table("CLUSTER", "GATEWAY", "STATE", "READY", "TIME");
                for (JsonNode item : items(answer)) {
                    boolean ok = "ok".equals(Json.text(item, "status"));
                    table.row(Json.text(item, "cluster"), Json.text(item, "gateway"),
                            ok ? Json.text(item.path("data"), "state") : "-",
                            ok ? Json.cell(item.path("data").get("ready")) : "error",
                            Json.integer(item, "durationMs") + "ms");
                }
                table.print(terminal.out);
            }
            return report(answer, data -> data.path("ready").asBoolean() ? null
                    : "not ready (" + Json.text(data, "state") + ")");
        }
    }

    @Command(name = "stats", description = "Envoy's statistics on every gateway (--prometheus: the merged "
            + "Prometheus exposition). Exit 2 when some gateways did not answer.")
    static final class Stats extends FleetRead {
        @Option(names = "--filter", paramLabel = "REGEX", description = "Only statistics whose names match.")
        String filter;

        @Option(names = "--type", paramLabel = "TYPE", description = "Counters, Gauges, Histograms, TextReadouts "
                + "or All.")
        String type;

        @Option(names = "--usedonly", description = "Only statistics that were updated.")
        boolean usedOnly;

        @Option(names = "--prometheus", description = "The whole fleet as one Prometheus text exposition.")
        boolean prometheus;

        Stats(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) {
            if (prometheus) {
                if (filter != null || type != null || usedOnly || !output.table()) {
                    throw CliFailure.usage("--prometheus takes no --filter, --type, --usedonly or -o");
                }
                Answer answer = client.get("/api/v1/fleet/stats/prometheus", query(), "text/plain");
                terminal.out.print(answer.text());
                terminal.out.flush();
                if (answer.partial()) {
                    terminal.err.println("some gateways did not answer: higress_fleet_gateway_up is 0 for them");
                    return Exit.PARTIAL;
                }
                return Exit.OK;
            }
            Query query = query().add("filter", filter).add("type", type).flag("usedonly", usedOnly);
            JsonNode answer = client.get("/api/v1/fleet/stats", query).json();
            if (!output.printRaw(answer, terminal)) {
                Table table = new Table("CLUSTER", "GATEWAY", "STAT", "VALUE");
                for (JsonNode item : items(answer)) {
                    for (String section : new String[] {"values", "textReadouts"}) {
                        for (Map.Entry<String, JsonNode> stat : item.path("data").path(section).properties()) {
                            table.row(Json.text(item, "cluster"), Json.text(item, "gateway"), stat.getKey(),
                                    Json.compact(stat.getValue()));
                        }
                    }
                }
                table.print(terminal.out);
            }
            return report(answer, ItemCheck.ANSWERED);
        }
    }
}
