package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code GET /api/v1/fleet/health}: the dashboard's summary. Exit 0 green, 2 yellow, 1 red. */
@Command(name = "health", description = "The fleet's health summary per cluster and gateway. Exit 0 green, "
        + "2 yellow, 1 red.")
final class HealthCommand extends FleetRead {
    HealthCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) {
        JsonNode health = client.get("/api/v1/fleet/health", query()).json();
        String status = Json.text(health, "status");
        if (!output.printRaw(health, terminal)) {
            JsonNode counts = health.path("counts");
            terminal.out.println("fleet " + status + ": " + Json.integer(counts, "clusters") + " clusters, "
                    + Json.integer(counts, "gateways") + " gateways (" + Json.integer(counts, "green") + " green, "
                    + Json.integer(counts, "yellow") + " yellow, " + Json.integer(counts, "red") + " red), as of "
                    + Json.text(health, "generatedAt"));
            Table table = new Table("CLUSTER", "GATEWAY", "STATUS", "STATE", "ENVOY", "UPTIME", "HOSTS", "BREAKER");
            for (JsonNode cluster : health.path("clusters")) {
                for (JsonNode g : cluster.path("gateways")) {
                    JsonNode hosts = g.path("hosts");
                    table.row(Json.text(cluster, "name"), Json.text(g, "name"), Json.text(g, "status"),
                            Json.text(g, "state"), envoyVersion(Json.text(g, "version")), uptime(g.get("uptimeSeconds")),
                            hosts.isMissingNode() ? "-" : Json.integer(hosts, "healthy") + "/" + Json.integer(hosts, "total"),
                            Json.text(g, "breaker"));
                }
            }
            table.print(terminal.out);
        }
        for (JsonNode cluster : health.path("clusters")) {
            for (JsonNode g : cluster.path("gateways")) {
                if (!g.path("errors").isEmpty()) {
                    terminal.err.println(Json.text(cluster, "name") + "/" + Json.text(g, "name") + ":");
                }
                for (JsonNode error : g.path("errors")) {
                    Problems.nested(error, "  ").forEach(terminal.err::println);
                }
            }
        }
        return switch (status == null ? "red" : status) {
            case "green" -> Exit.OK;
            case "yellow" -> Exit.PARTIAL;
            default -> Exit.FAILED;
        };
    }

    /** Envoy's {@code <sha>/1.27.3/Clean/RELEASE/BoringSSL} as {@code 1.27.3}. */
    static String envoyVersion(String version) {
        if (version == null) {
            return "-";
        }
        String[] parts = version.split("/");
        return parts.length > 1 ? parts[1] : version;
    }

    static String uptime(JsonNode seconds) {
        if (seconds == null || !seconds.isNumber()) {
            return "-";
        }
        Duration d = Duration.ofSeconds(seconds.asLong());
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}
