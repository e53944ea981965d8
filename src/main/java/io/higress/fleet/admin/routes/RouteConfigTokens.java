package io.higress.fleet.admin.routes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.higress.fleet.admin.configdump.DumpTokens;
import io.higress.fleet.admin.configdump.KeyNames;
import io.higress.fleet.admin.configdump.MalformedConfigDumpException;
import io.higress.fleet.admin.configdump.ValueSkip;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code configs[].dynamic_route_configs[]} of a config_dump token by token: per route configuration its
 * {@code version_info} and name, per virtual host its name and domains, per route what {@link RouteCapture} keeps.
 * Everything else (clusters, listeners, secrets, per-filter configurations) is skipped as it streams by. Each route
 * configuration is handed to the {@link RouteQuery} when it ends, so only the routes the query selects are kept.
 */
final class RouteConfigTokens implements DumpTokens<List<VirtualHostRoutes>> {

    /**
     * The container names followed from the root down to a virtual host's {@code domains} or {@code routes} (null):
     * {@code []} for an array element. A route (depth 9) is captured whole.
     */
    private static final String[] PATH = {"", "configs", "[]", "dynamic_route_configs", "[]", "route_config",
        "virtual_hosts", "[]", null};

    private final KeyNames keys = new KeyNames();
    private final RouteQuery query;
    private final List<VirtualHostRoutes> kept = new ArrayList<>();
    /** The names of the open containers we follow. */
    private final List<String> open = new ArrayList<>();
    private final List<Boolean> arrays = new ArrayList<>();
    private final ValueSkip skip = new ValueSkip();
    private boolean done;
    private String field;
    private RouteCapture route;

    private String version;
    private String routeConfig;
    private final List<VirtualHostRoutes> hosts = new ArrayList<>();
    private String hostName;
    private List<String> domains;
    private List<RouteEntry> routes;

    RouteConfigTokens(RouteQuery query) {
        this.query = query;
    }

    @Override
    public void accept(JsonToken token, JsonParser parser) throws IOException {
        if (route != null) {
            if (route.accept(token, parser)) {
                routes.add(RouteEntry.of(routes.size(), route.route()));
                route = null;
            }
            return;
        }
        if (skip.swallowed(token)) {
            return;
        }
        if (done) {
            throw new MalformedConfigDumpException("trailing content after the config_dump document");
        }
        int depth = open.size();
        if (depth == 0 && token != JsonToken.START_OBJECT) {
            throw new MalformedConfigDumpException("a config_dump is a JSON object, found " + token);
        }
        switch (token) {
            case FIELD_NAME -> field = keys.snake(parser.currentName());
            case START_OBJECT, START_ARRAY -> start(token, depth);
            case END_OBJECT, END_ARRAY -> end(depth);
            case VALUE_STRING -> value(parser.getText(), depth);
            default -> { }
        }
    }

    private void start(JsonToken token, int depth) throws IOException {
        String name = depth == 0 ? "" : arrays.get(depth - 1) ? "[]" : field;
        if (depth == 9 && open.get(8).equals("routes") && token == JsonToken.START_OBJECT) {
            route = new RouteCapture(keys);
            route.accept(token, null);
            return;
        }
        boolean followed = depth < 9 && (PATH[depth] == null
                ? name.equals("domains") || name.equals("routes") : PATH[depth].equals(name));
        if (!followed) {
            skip.start();
            return;
        }
        open.add(name);
        arrays.add(token == JsonToken.START_ARRAY);
        if (depth == 4) {
            version = null;
            routeConfig = null;
            hosts.clear();
        } else if (depth == 7) {
            hostName = null;
            domains = new ArrayList<>();
            routes = new ArrayList<>();
        }
    }

    private void end(int depth) {
        open.remove(depth - 1);
        arrays.remove(depth - 1);
        switch (depth - 1) {
            case 0 -> done = true;
            case 4 -> kept.addAll(query.select(hosts.stream().map(h -> new VirtualHostRoutes(routeConfig, version,
                    h.virtualHost(), h.domains(), h.routes())).toList()));
            case 7 -> hosts.add(new VirtualHostRoutes(null, null, hostName, List.copyOf(domains), routes));
            default -> { }
        }
    }

    private void value(String text, int depth) {
        if (depth == 5 && field.equals("version_info")) {
            version = text;
        } else if (depth == 6 && field.equals("name")) {
            routeConfig = text;
        } else if (depth == 8 && field.equals("name")) {
            hostName = text;
        } else if (depth == 9 && open.get(8).equals("domains")) {
            domains.add(text);
        }
    }

    @Override
    public List<VirtualHostRoutes> build() {
        if (!done) {
            throw new MalformedConfigDumpException("truncated config_dump");
        }
        return List.copyOf(kept);
    }
}
