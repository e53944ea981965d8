package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import picocli.CommandLine;

/** {@code -o json|yaml|table}: the facade's answer as it is (JSON, YAML), or a table for people. */
enum OutputFormat {
    TABLE, JSON, YAML;

    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not table, json or yaml");
            }
        }
    }

    /** Prints the answer as JSON or YAML; false for TABLE, which each command renders itself. */
    boolean printRaw(JsonNode answer, Terminal terminal) {
        switch (this) {
            case JSON -> terminal.out.println(Json.pretty(answer));
            case YAML -> terminal.out.println(Json.yaml(answer));
            case TABLE -> {
                return false;
            }
        }
        return true;
    }
}
