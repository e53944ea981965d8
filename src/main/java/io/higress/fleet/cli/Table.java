package io.higress.fleet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned with two spaces, kubectl-style: a header line in capitals, one line per row. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this(Arrays.asList(header));
    }

    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    Table row(String... cells) {
        return row(Arrays.asList(cells));
    }

    Table row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(cells.stream().map(c -> c == null ? "-" : c).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (List<String> line : all()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : all()) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                s.append(cell);
                if (i < widths.length - 1) {
                    s.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(s.toString().stripTrailing());
        }
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
