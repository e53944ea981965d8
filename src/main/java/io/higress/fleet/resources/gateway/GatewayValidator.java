package io.higress.fleet.resources.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.GatewayApi;
import io.higress.fleet.resources.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a (merged) Gateway: its class, and each listener's name (unique), port, protocol and hostname. */
final class GatewayValidator {

    private GatewayValidator() {
    }

    static List<FieldError> validate(GatewayObjectSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", s.name());
        c.namespace("namespace", s.namespace());
        if (!c.required("spec", s.spec())) {
            return errors;
        }
        JsonNode spec = Json.tree(s.spec());
        JsonNode className = spec.path("gatewayClassName");
        if (!className.isTextual() || className.asText().isBlank()) {
            c.fail("spec.gatewayClassName", "is required (a string: the GatewayClass, e.g. higress)");
        }
        if (!GatewayApi.list(c, spec, "spec", "listeners", true)) {
            return errors;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.get("listeners").size(); i++) {
            String f = "spec.listeners[" + i + "]";
            JsonNode l = spec.get("listeners").get(i);
            if (GatewayApi.text(c, l, f, "name") && !names.add(l.get("name").asText())) {
                c.fail(f + ".name", "duplicate of an earlier listener's name");
            }
            if (!l.isObject()) {
                continue;
            }
            GatewayApi.port(c, l, f + ".port");
            GatewayApi.text(c, l, f, "protocol");
            if (l.has("hostname")) {
                c.hostname(f + ".hostname", l.get("hostname").isTextual() ? l.get("hostname").asText() : null);
            }
        }
        return errors;
    }
}
