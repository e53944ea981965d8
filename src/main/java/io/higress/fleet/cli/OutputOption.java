package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** {@code -o json|yaml|table}. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            description = "table (default), json or yaml.")
    OutputFormat format = OutputFormat.TABLE;

    /** Prints the answer as JSON or YAML; false for a table, which the command renders itself. */
    boolean printRaw(JsonNode answer, Terminal terminal) {
        return format.printRaw(answer, terminal);
    }

    boolean table() {
        return format == OutputFormat.TABLE;
    }
}
