package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code GET /api/v1/<kind>[/<name>]}: the aggregated read, each object once with the clusters holding it. Exit 2
 * when copies differ between clusters (drift) or a cluster could not be read.
 */
@Command(name = "get", description = "Read routes, plugins or mcp-bridges across the clusters. Exit 2 on drift "
        + "(copies differ) or when a cluster could not be read.")
final class GetCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "KIND", converter = Kind.Names.class, completionCandidates = Kind.Names.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One object, by name.")
    String name;

    @Mixin
    OutputOption output;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Default: the facade's "
            + "(fleet.resources.namespace, higress-system).")
    String namespace;

    @Mixin
    TargetingOptions targeting;

    GetCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) {
        String path = "/api/v1/" + kind.path + (name == null ? "" : "/" + Paths.segment(kind.singular(), name));
        Answer answer = client.get(path, targeting.addTo(new Query()).add("namespace", namespace));
        JsonNode body = answer.json();
        List<JsonNode> items = name == null ? Json.list(body.path("items")) : List.of(body);
        if (!output.printRaw(body, terminal)) {
            kind.table(items).print(terminal.out);
        }
        Exit exit = answer.partial() ? Exit.PARTIAL : Exit.OK;
        for (JsonNode item : items) {
            if (item.path("drift").asBoolean()) {
                terminal.err.println("drift: " + kind.singular() + " " + Json.text(item, "name")
                        + " differs between clusters " + Json.cell(item.get("clusters"))
                        + (output.table() ? " (-o yaml shows each cluster's copy)" : ""));
                exit = exit.and(Exit.PARTIAL);
            }
        }
        for (JsonNode error : body.path("errors")) {
            Problems.nested(error, "").forEach(terminal.err::println);
            exit = exit.and(Exit.PARTIAL);
        }
        return exit;
    }
}
