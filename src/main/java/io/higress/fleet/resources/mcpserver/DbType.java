package io.higress.fleet.resources.mcpserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * The console's McpServerDBTypeEnum: the facade and {@code higress-config} name a database type by its value
 * ({@code mysql}, {@code postgres}), the console's API by its constant ({@code MYSQL}, {@code POSTGRESQL}).
 */
enum DbType {
    MYSQL("mysql"), POSTGRESQL("postgres"), SQLITE("sqlite"), CLICKHOUSE("clickhouse");

    final String value;

    DbType(String value) {
        this.value = value;
    }

    static Optional<DbType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equalsIgnoreCase(value)).findFirst();
    }

    static Optional<DbType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    static String values(String separator) {
        return String.join(separator, Arrays.stream(values()).map(t -> t.value).toList());
    }
}
