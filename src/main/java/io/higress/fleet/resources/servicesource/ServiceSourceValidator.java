package io.higress.fleet.resources.servicesource;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.shared.BridgeRegistries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a (merged) service source with the rules of the console's ServiceSource.validate (type, domain per type,
 * port, nacos groups, consul datacenter and refresh interval, proxy only for static and dns, vport ports), and
 * refuses a field of another registry type (the console would drop it without a word).
 */
final class ServiceSourceValidator {

    List<FieldError> validate(ServiceSourceSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        // The name is the registry's: services become <service>.<name>.<type> hosts, so a DNS label.
        c.label("name", s.name());
        c.namespace("namespace", s.namespace());
        RegistryType type = null;
        if (c.required("type", s.type())) {
            type = RegistryType.of(s.type());
            if (type == null) {
                c.fail("type", "unknown registry type '" + s.type() + "': one of " + RegistryType.names());
            }
        }
        c.port("port", s.port());
        if (s.protocol() != null && !List.of("http", "https", "grpc", "grpcs").contains(s.protocol())) {
            c.fail("protocol", "must be one of http, https, grpc, grpcs");
        }
        if (s.sni() != null && !Names.isDns1123Subdomain(s.sni())) {
            c.fail("sni", "must be a DNS name");
        }
        if (s.authSecretName() != null) {
            c.subdomain("authSecretName", s.authSecretName());
        }
        vport(c, s.vport());
        if (type != null) {
            domain(c, type, s.domain());
            typeFields(c, type, s);
        }
        return errors;
    }

    private static void domain(FieldChecks c, RegistryType type, String domain) {
        if (!c.required("domain", domain)) {
            return;
        }
        if (type == RegistryType.STATIC || type == RegistryType.DNS) {
            List<String> entries = RegistryType.split(domain);
            if (entries.isEmpty()) {
                c.fail("domain", "give at least one " + (type == RegistryType.STATIC ? "ip:port" : "domain"));
            }
            for (String e : entries) {
                if (type == RegistryType.STATIC ? !staticAddress(e) : !Names.isDns1123Subdomain(e)) {
                    c.fail("domain", "'" + e + "' is not " + (type == RegistryType.STATIC
                            ? "ipv4:port with port between 1 and 65535" : "a domain name")
                            + " (a comma-separated list)");
                    return;
                }
            }
        } else if (!FieldChecks.isIpv4(domain) && !Names.isDns1123Subdomain(domain)) {
            c.fail("domain", "must be a domain name or an IPv4 address");
        }
    }

    private static void typeFields(FieldChecks c, RegistryType type, ServiceSourceSpec s) {
        if (type.nacos()) {
            if (c.requiredList("nacosGroups", s.nacosGroups())) {
                for (int i = 0; i < s.nacosGroups().size(); i++) {
                    c.required("nacosGroups[" + i + "]", s.nacosGroups().get(i));
                }
                c.unique("nacosGroups", s.nacosGroups());
            }
            if (s.nacosAddressServer() != null && s.nacosAddressServer().isBlank()) {
                c.fail("nacosAddressServer", "must not be blank");
            }
        } else {
            only(c, "nacosNamespaceId", s.nacosNamespaceId(), "nacos types");
            only(c, "nacosGroups", s.nacosGroups(), "nacos types");
            only(c, "nacosAddressServer", s.nacosAddressServer(), "nacos types");
            only(c, "nacosAccessKey", s.nacosAccessKey(), "nacos types");
            only(c, "nacosSecretKey", s.nacosSecretKey(), "nacos types");
        }
        if (type == RegistryType.ZOOKEEPER) {
            if (s.zkServicesPath() != null) {
                for (int i = 0; i < s.zkServicesPath().size(); i++) {
                    String p = s.zkServicesPath().get(i);
                    if (p == null || !p.startsWith("/")) {
                        c.fail("zkServicesPath[" + i + "]", "must be a path starting with '/'");
                    }
                }
            }
        } else {
            only(c, "zkServicesPath", s.zkServicesPath(), "zookeeper");
        }
        if (type == RegistryType.CONSUL) {
            c.required("consulDatacenter", s.consulDatacenter());
            Integer interval = s.consulRefreshInterval();
            if (interval != null && (interval < 10 || interval > 600)) {
                c.fail("consulRefreshInterval", "must be between 10 and 600 seconds");
            }
        } else {
            only(c, "consulDatacenter", s.consulDatacenter(), "consul");
            only(c, "consulServiceTag", s.consulServiceTag(), "consul");
            only(c, "consulRefreshInterval", s.consulRefreshInterval(), "consul");
        }
        if (s.proxyName() != null) {
            if (type != RegistryType.STATIC && type != RegistryType.DNS) {
                c.fail("proxyName", "a proxy server is only supported for static and dns sources");
            } else if (!BridgeRegistries.isProxyName(s.proxyName())) {
                c.fail("proxyName", "must name a proxy server (lower case letters, digits, '-', '_' and '.', "
                        + "starting with a letter, at most 63)");
            }
        }
    }

    private static void vport(FieldChecks c, ServiceSourceSpec.VPort v) {
        if (v == null) {
            return;
        }
        if (v.defaultPort() != null) {
            c.port("vport.default", v.defaultPort());
        }
        if (v.services() == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.services().size(); i++) {
            ServiceSourceSpec.ServicePort p = v.services().get(i);
            String f = "vport.services[" + i + "]";
            if (p == null) {
                c.fail(f, "must be an object");
                continue;
            }
            if (c.required(f + ".name", p.name()) && !names.add(p.name())) {
                c.fail(f + ".name", "duplicate of an earlier service");
            }
            c.port(f + ".value", p.value());
        }
    }

    private static void only(FieldChecks c, String field, Object value, String types) {
        if (value != null) {
            c.fail(field, "is only for " + types + " sources");
        }
    }

    private static boolean staticAddress(String value) {
        String[] parts = value.split(":");
        if (parts.length != 2 || !FieldChecks.isIpv4(parts[0]) || !parts[1].matches("\\d{1,5}")) {
            return false;
        }
        int port = Integer.parseInt(parts[1]);
        return port >= 1 && port <= 65535;
    }
}
