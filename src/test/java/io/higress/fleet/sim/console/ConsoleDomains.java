package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.BUSINESS;
import static io.higress.fleet.sim.console.ConsoleAnswer.conflict;
import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The console's domains (DomainsController, DomainServiceImpl): a ConfigMap each, so {@code version} is enforced
 * (stale → 409 {@code ResourceConflictException: null}, like an existing name on POST); a PUT of a missing one is the
 * API server's 404 as a 500; a name in the URL and another in the body is a 400; deleting a domain routes still use
 * is a 500 ("The domain has routes"), a missing one a 204. The start-up default domain exists from the start.
 */
final class ConsoleDomains {
    static final String DEFAULT_DOMAIN = "higress-default-domain";

    private final ConsoleCollection domains;
    private final ConsoleCollection routes;

    ConsoleDomains(ConsoleCollection domains, ConsoleCollection routes) {
        this.domains = domains;
        this.routes = routes;
        domains.put(DEFAULT_DOMAIN, ConsoleSimulator.JSON.createObjectNode().put("name", DEFAULT_DOMAIN)
                .put("enableHttps", "off").putNull("certIdentifier"));
    }

    ConsoleAnswer handle(String method, String name, JsonNode body) {
        if (name == null) {
            return switch (method) {
                case "GET" -> null;
                case "POST" -> add(body);
                default -> empty(405);
            };
        }
        return switch (method) {
            case "GET" -> domains.get(name) == null ? empty(404) : envelope(domains.get(name));
            case "PUT" -> put(name, body);
            case "DELETE" -> usedByRoutes(name)
                    ? error(500, BUSINESS + "The domain has routes. Please delete them first.")
                    : removed(domains.remove(name));
            default -> empty(405);
        };
    }

    List<ObjectNode> all() {
        return domains.all();
    }

    private ConsoleAnswer add(JsonNode body) {
        String name = ConsoleObjects.text(body, "name");
        if (name == null) {
            return invalid("Domain name is required.");
        }
        if (domains.get(name) != null) {
            return conflict();
        }
        return raw(201, domains.put(name, domain(body)));
    }

    private ConsoleAnswer put(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        String inBody = ConsoleObjects.text(body, "name");
        if (inBody != null && !inBody.equals(name)) {
            return invalid("Domain name in the URL doesn't match the one in the body.");
        }
        ObjectNode current = domains.get(name);
        if (current == null) {
            return error(500, "io.kubernetes.client.openapi.ApiException: Not Found - ");
        }
        String version = ConsoleObjects.text(body, "version");
        if (version != null && !version.equals(current.path("version").asText())) {
            return conflict();
        }
        return raw(200, domains.put(name, domain(((ObjectNode) body).deepCopy().put("name", name))));
    }

    /** What the ConfigMap keeps: the name, enableHttps and the certificate, nothing else. */
    private static ObjectNode domain(JsonNode body) {
        ObjectNode d = ConsoleSimulator.JSON.createObjectNode().put("name", body.path("name").asText());
        d.set("enableHttps", body.path("enableHttps").isTextual() ? body.get("enableHttps")
                : ConsoleSimulator.JSON.nullNode());
        d.set("certIdentifier", body.path("certIdentifier").isTextual() ? body.get("certIdentifier")
                : ConsoleSimulator.JSON.nullNode());
        return d;
    }

    private boolean usedByRoutes(String domain) {
        return routes.all().stream().anyMatch(r -> r.path("domains").toString().contains("\"" + domain + "\""));
    }

    private static ConsoleAnswer removed(boolean ignored) {
        return empty(204);
    }
}
