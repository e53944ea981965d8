package io.higress.fleet.resources.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.mcpserver.McpServerSpec.Service;
import io.higress.fleet.resources.shared.ConsoleMetadata;
import io.higress.fleet.resources.shared.ConsolePlugins;
import io.higress.fleet.resources.shared.HigressConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Ingress {@code mcp-server-<name>.internal} an MCP server's save strategy writes through route2Ingress
 * (AbstractMcpServerSaveStrategy.buildRouteRequest, setDefaultConfigs, setDefaultLabels; DirectRoutingSaveStrategy):
 * path {@code Prefix /mcp-servers/<name>}, the domain labels, {@code higress.io/biz-type: mcp-server} and
 * {@code higress.io/mcp-server-type: <TYPE>}, the annotations {@code higress.io/resource-description},
 * {@code higress.io/mcp-server: "true"}, {@code ...-match-rule-domains} ({@code *} or the domains),
 * {@code ...-match-rule-type: prefix}, {@code ...-match-rule-value: /mcp-servers/<name>},
 * {@code higress.io/destination}; a direct route adds the upstream type and transport, the path rewrite to the
 * upstream's path and, for a DNS service source, the upstream host.
 */
final class McpServerObjects {
    static final KubernetesType INGRESS = new KubernetesType("networking.k8s.io/v1", "Ingress", "ingresses");
    static final String PREFIX = "mcp-server-";
    /** What the route's name adds to the server's: {@code mcp-server-} and {@code .internal}. */
    static final int ROUTE_AFFIXES = PREFIX.length() + ConsolePlugins.INTERNAL_SUFFIX.length();
    static final String SSE = "sse";
    static final String STREAMABLE = "streamable";
    static final String BIZ_TYPE = "higress.io/biz-type";
    static final String BIZ_TYPE_VALUE = "mcp-server";
    static final String TYPE_LABEL = "higress.io/mcp-server-type";
    private static final String A = "higress.io/";
    static final String DESCRIPTION = A + "resource-description";
    static final String DESTINATION = A + "destination";
    static final String TRANSPORT = A + "mcp-server-upstream-transport-type";
    static final String REWRITE_PATH = A + "rewrite-path";

    private McpServerObjects() {
    }

    static String routeName(String server) {
        return PREFIX + server + ConsolePlugins.INTERNAL_SUFFIX;
    }

    /** The server named by a route's name, or null when it is no MCP server's. */
    static String serverName(String route) {
        return route.startsWith(PREFIX) && route.endsWith(ConsolePlugins.INTERNAL_SUFFIX)
                && route.length() > ROUTE_AFFIXES
                ? route.substring(PREFIX.length(), route.length() - ConsolePlugins.INTERNAL_SUFFIX.length()) : null;
    }

    static boolean isMcpRoute(JsonNode ingress) {
        return BIZ_TYPE_VALUE.equalsIgnoreCase(ingress.path("metadata").path("labels").path(BIZ_TYPE).asText(""));
    }

    /**
     * The route's Ingress; {@code rewritePath} and {@code upstreamHost} only for a direct route (the path prefix
     * of the upstream, its DNS host or null).
     */
    static ObjectNode ingress(McpServerSpec s, McpServerType type, String namespace, String rewritePath,
            String upstreamHost) {
        String path = HigressConfig.PATH_PREFIX + s.name();
        ObjectNode o = ConsoleMetadata.object("networking.k8s.io/v1", "Ingress", routeName(s.name()), namespace);
        ObjectNode meta = (ObjectNode) o.get("metadata");
        List<String> domains = s.domains() == null ? List.of() : s.domains().stream().filter(d -> !d.isBlank())
                .toList();
        ObjectNode labels = (ObjectNode) meta.get("labels");
        ConsoleMetadata.domainLabels(labels, domains);
        labels.put(BIZ_TYPE, BIZ_TYPE_VALUE).put(TYPE_LABEL, type.name());
        ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
        Map<String, String> custom = new TreeMap<>();
        if (s.description() != null) {
            custom.put(DESCRIPTION, s.description());
        }
        custom.put(A + "mcp-server", "true");
        custom.put(A + "mcp-server-match-rule-domains", domains.isEmpty() ? "*" : String.join(",", domains));
        custom.put(A + "mcp-server-match-rule-type", "prefix");
        custom.put(A + "mcp-server-match-rule-value", path);
        if (type == McpServerType.DIRECT_ROUTE) {
            String transport = s.directRouteConfig().transportType();
            custom.put(A + "mcp-server-upstream-type", STREAMABLE.equalsIgnoreCase(transport) ? STREAMABLE : SSE);
            custom.put(TRANSPORT, transport);
            custom.put(A + "mcp-server-enable-path-rewrite", "true");
            custom.put(A + "mcp-server-path-rewrite-prefix", rewritePath);
            annotations.put(A + "enable-rewrite", "true");
            annotations.put(REWRITE_PATH, rewritePath);
            if (upstreamHost != null && !upstreamHost.isBlank()) {
                annotations.put(A + "upstream-vhost", upstreamHost);
            }
        }
        custom.forEach(annotations::put);
        annotations.put(DESTINATION, destination(s.services()));
        ObjectNode spec = o.putObject("spec");
        spec.put("ingressClassName", "higress");
        ArrayNode rules = spec.putArray("rules");
        for (String host : domains.isEmpty() ? Collections.<String>singletonList(null) : domains) {
            ObjectNode rule = rules.addObject();
            if (host != null) {
                rule.put("host", host);
            }
            ObjectNode p = rule.putObject("http").putArray("paths").addObject();
            p.put("path", path).put("pathType", "Prefix");
            p.putObject("backend").putObject("resource").put("apiGroup", "networking.higress.io")
                    .put("kind", "McpBridge").put("name", "default");
        }
        return o;
    }

    /** fillIngressDestination: {@code svc[:port]} alone, else {@code <weight>% svc[:port][ version]} per line. */
    static String destination(List<Service> services) {
        if (services.size() == 1) {
            Service s = services.get(0);
            return s.name() + (s.port() != null ? ":" + s.port() : "");
        }
        List<String> lines = new ArrayList<>();
        for (Service s : services) {
            lines.add((s.weight() == null ? 100 : s.weight()) + "% " + s.name() + (s.port() != null ? ":" + s.port()
                    : "") + (s.version() != null && !s.version().isEmpty() ? " " + s.version() : ""));
        }
        return String.join("\n", lines);
    }

    /** The services of a destination annotation, as ingress2Route reads them back. */
    static List<Service> services(String destination) {
        List<Service> out = new ArrayList<>();
        if (destination == null || destination.isBlank()) {
            return out;
        }
        String[] lines = destination.trim().split("\n");
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            int i = 0;
            Integer weight = null;
            if (words[0].endsWith("%")) {
                weight = integer(words[0].substring(0, words[0].length() - 1));
                i = 1;
            }
            if (i >= words.length) {
                continue;
            }
            String target = words[i];
            String version = i + 1 < words.length ? words[i + 1] : null;
            int colon = target.lastIndexOf(':');
            Integer port = colon > 0 ? integer(target.substring(colon + 1)) : null;
            String name = colon > 0 && port != null ? target.substring(0, colon) : target;
            out.add(new Service(name, port, version, lines.length == 1 ? null : weight));
        }
        return out;
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The hosts of the Ingress's rules (none: every domain). */
    static List<String> domains(JsonNode ingress) {
        List<String> out = new ArrayList<>();
        ingress.path("spec").path("rules").forEach(r -> {
            if (r.hasNonNull("host")) {
                out.add(r.get("host").asText());
            }
        });
        return out;
    }
}
