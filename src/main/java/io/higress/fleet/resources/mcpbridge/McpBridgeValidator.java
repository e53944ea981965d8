package io.higress.fleet.resources.mcpbridge;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.HostPort;
import io.higress.fleet.problem.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Checks a (merged) bridge: names, addresses, registry types, and registry names unique across the bridge. */
public final class McpBridgeValidator {
    public static final Set<String> NACOS_TYPES = Set.of("nacos", "nacos2", "nacos3");

    public List<FieldError> validate(McpBridgeSpec b) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", b.name());
        c.namespace("namespace", b.namespace());
        // Registry names become service hosts (<name>.static, <name>.dns), so they must be unique labels.
        Map<String, String> names = new HashMap<>();
        int count = each(c, "nacos", b.nacos(), (f, n) -> {
            name(c, names, f, n.name());
            c.address(f + ".address", n.address());
            if (n.type() != null && !NACOS_TYPES.contains(n.type())) {
                c.fail(f + ".type", "must be one of nacos, nacos2, nacos3");
            }
            if (n.namespaceId() != null && n.namespaceId().isBlank()) {
                c.fail(f + ".namespaceId", "must not be blank");
            }
            if (n.groups() != null) {
                for (int g = 0; g < n.groups().size(); g++) {
                    c.required(f + ".groups[" + g + "]", n.groups().get(g));
                }
            }
        });
        count += each(c, "consul", b.consul(), (f, n) -> {
            name(c, names, f, n.name());
            c.address(f + ".address", n.address());
        });
        count += each(c, "static", b.staticRegistries(), (f, n) -> {
            name(c, names, f, n.name());
            if (c.requiredList(f + ".addresses", n.addresses())) {
                for (int a = 0; a < n.addresses().size(); a++) {
                    staticAddress(c, f + ".addresses[" + a + "]", n.addresses().get(a));
                }
            }
        });
        count += each(c, "dns", b.dns(), (f, n) -> {
            name(c, names, f, n.name());
            if (c.required(f + ".domain", n.domain())
                    && !io.higress.fleet.cluster.Names.isDns1123Subdomain(n.domain())) {
                c.fail(f + ".domain", "must be a DNS name");
            }
            c.port(f + ".port", n.port());
        });
        if (count == 0) {
            c.fail("registries", "give at least one registry in nacos, consul, static or dns");
        }
        return errors;
    }

    public void check(McpBridgeSpec b) {
        Validation.throwIfAny(validate(b));
    }

    /** Checks each registry of one kind ({@code field[i]}); null entries are errors. Returns how many were given. */
    private static <T> int each(FieldChecks c, String field, List<T> registries, BiConsumer<String, T> check) {
        if (registries == null) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < registries.size(); i++) {
            String f = field + "[" + i + "]";
            if (registries.get(i) == null) {
                c.fail(f, "must be an object");
                continue;
            }
            count++;
            check.accept(f, registries.get(i));
        }
        return count;
    }

    private static void name(FieldChecks c, Map<String, String> seen, String field, String name) {
        if (c.label(field + ".name", name)) {
            String earlier = seen.putIfAbsent(name, field);
            if (earlier != null) {
                c.fail(field + ".name", "duplicate of " + earlier + ".name");
            }
        }
    }

    private static void staticAddress(FieldChecks c, String field, String value) {
        HostPort hp = value == null || value.indexOf(':') < 0 ? null : HostPort.parse(value, 0);
        if (hp == null || !FieldChecks.isIpv4(hp.host())) {
            c.fail(field, "must be ipv4:port with port between 1 and 65535");
        }
    }
}
