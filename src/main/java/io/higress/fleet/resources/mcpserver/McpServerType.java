package io.higress.fleet.resources.mcpserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * The console's McpServerTypeEnum: the facade names a type by its value ({@code open_api}), the console's API and
 * the Ingress label {@code higress.io/mcp-server-type} by its constant ({@code OPEN_API}).
 */
enum McpServerType {
    OPEN_API("open_api"), DATABASE("database"), DIRECT_ROUTE("direct_route");

    final String value;

    McpServerType(String value) {
        this.value = value;
    }

    static Optional<McpServerType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    /** fromName: the constant in any case, as the console reads its label. */
    static Optional<McpServerType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    static String values(String separator) {
        return String.join(separator, Arrays.stream(values()).map(t -> t.value).toList());
    }
}
