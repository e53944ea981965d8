package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The resource kinds {@code fleetctl get} reads: {@code /api/v1/<path>} and the columns of its table. A new kind of
 * the facade is one line here; without columns of its own its table shows name, namespace, clusters, managed, drift.
 */
enum Kind {
    ROUTES("routes", Column.of("DOMAINS", "domain"), Column.of("PATHS", "paths"),
            Column.joined("SERVICE", ":", "serviceName", "servicePort")),
    PLUGINS("plugins", Column.of("TYPE", "type"), Column.of("ENABLED", "enabled"), Column.of("PHASE", "phase"),
            Column.of("PRIORITY", "priority")),
    MCP_BRIDGES("mcp-bridges", Column.named("REGISTRIES", "nacos", "consul", "static", "dns")),
    HTTP2RPCS("http2rpcs", new Column("SERVICE", item -> Json.cell(item.path("dubbo").get("service"))));

    /** The path segment under /api/v1, also the name on the command line. */
    final String path;
    private final List<Column> columns;

    Kind(String path, Column... columns) {
        this.path = path;
        this.columns = List.of(columns);
    }

    /** {@code routes}, {@code route}: the plural path or its singular. */
    static Kind parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(k -> k.path.equals(n) || k.singular().equals(n)).findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException("unknown kind '" + name + "': one of "
                        + String.join(", ", names())));
    }

    static List<String> names() {
        return Stream.of(values()).map(k -> k.path).toList();
    }

    String singular() {
        return path.endsWith("s") ? path.substring(0, path.length() - 1) : path;
    }

    Table table(Iterable<JsonNode> items) {
        List<String> header = new ArrayList<>(List.of("NAME"));
        columns.forEach(c -> header.add(c.header()));
        header.addAll(List.of("NAMESPACE", "CLUSTERS", "MANAGED", "DRIFT"));
        Table table = new Table(header);
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>(List.of(Json.cell(item.get("name"))));
            columns.forEach(c -> row.add(c.value().apply(item)));
            for (String common : List.of("namespace", "clusters", "managed", "drift")) {
                row.add(Json.cell(item.get(common)));
            }
            table.row(row);
        }
        return table;
    }

    /** A column of a kind's table: its header and how a cell is made from an item. */
    record Column(String header, Function<JsonNode, String> value) {
        static Column of(String header, String field) {
            return new Column(header, item -> Json.cell(item.get(field)));
        }

        /** Several fields in one cell: {@code svc:8080}. */
        static Column joined(String header, String separator, String... fields) {
            return new Column(header, item -> String.join(separator,
                    Arrays.stream(fields).map(f -> Json.cell(item.get(f))).toList()));
        }

        /** The names in lists of named entries, by list: {@code nacos/nacos-prod,dns/internal}. */
        static Column named(String header, String... lists) {
            return new Column(header, item -> {
                List<String> names = new ArrayList<>();
                for (String list : lists) {
                    for (Iterator<JsonNode> it = item.path(list).elements(); it.hasNext(); ) {
                        names.add(list + "/" + Json.cell(it.next().get("name")));
                    }
                }
                return names.isEmpty() ? "-" : String.join(",", names);
            });
        }
    }

    /** For picocli: kinds by name, and the names for completion and help. */
    static final class Names implements Iterable<String>, CommandLine.ITypeConverter<Kind> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }

        @Override
        public Kind convert(String value) {
            return parse(value);
        }
    }
}
