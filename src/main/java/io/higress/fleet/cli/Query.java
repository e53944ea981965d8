package io.higress.fleet.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A query string; parameters without a value (null) are left out. */
final class Query {
    private final List<String> pairs = new ArrayList<>();

    Query add(String name, String value) {
        if (value != null) {
            pairs.add(encode(name) + "=" + encode(value));
        }
        return this;
    }

    Query flag(String name, boolean on) {
        return on ? add(name, "true") : this;
    }

    @Override
    public String toString() {
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
