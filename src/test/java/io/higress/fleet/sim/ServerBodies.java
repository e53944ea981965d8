package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.arr;
import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The small status answers: {@code /server_info}, {@code /certs}, {@code /memory}, {@code /logging}. */
final class ServerBodies {

    static final String[] LEVELS = {"trace", "debug", "info", "warning", "warn", "error", "critical", "off"};

    private ServerBodies() {
    }

    static AdminResponse serverInfo(SimulatedGateway gw) {
        String uptime = gw.uptimeSeconds() + "s";
        ObjectNode options = obj("base_id", "1", "use_dynamic_base_id", false, "concurrency", 2,
                "config_path", "/etc/istio/proxy/envoy-rev.json", "config_yaml", "",
                "allow_unknown_static_fields", false, "reject_unknown_dynamic_fields", false,
                "ignore_unknown_dynamic_fields", false, "admin_address_path", "", "local_address_ip_version", "v4",
                "log_level", "warning", "component_log_level", "misc:error", "log_format", "%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t",
                "log_path", "", "service_cluster", EnvoyIdentity.serviceCluster(),
                "service_node", EnvoyIdentity.nodeId(gw), "service_zone", "", "mode", "Serve",
                "disable_hot_restart", false, "enable_mutex_tracing", false, "restart_epoch", 0,
                "cpuset_threads", false, "disabled_extensions", arr(), "file_flush_interval", "10s",
                "drain_time", "45s", "drain_strategy", "Immediate", "parent_shutdown_time", "60s");
        return AdminResponse.json(Json.bytes(obj("version", EnvoyIdentity.VERSION, "state", gw.state().name(),
                "hot_restart_version", EnvoyIdentity.HOT_RESTART_VERSION, "command_line_options", options,
                "node", EnvoyIdentity.node(gw), "uptime_current_epoch", uptime, "uptime_all_epochs", uptime)));
    }

    static AdminResponse certs(SimulatedGateway gw) {
        if (gw.servedCertificates() != null) {
            return servedCerts(gw.servedCertificates());
        }
        Instant validFrom = gw.startedAt().minus(Duration.ofDays(10));
        ObjectNode leaf = obj("path", "<inline>", "serial_number", Integer.toHexString(gw.name().hashCode()),
                "subject_alt_names", arr(obj("dns", "*.example.com"), obj("dns", "example.com")),
                "days_until_expiration", "80", "valid_from", validFrom.toString(),
                "expiration_time", gw.startedAt().plus(Duration.ofDays(80)).toString());
        ObjectNode ca = obj("path", "<inline>", "serial_number", "1",
                "subject_alt_names", arr(obj("uri", "spiffe://cluster.local/ns/higress-system/sa/higress")),
                "days_until_expiration", "3640", "valid_from", validFrom.toString(),
                "expiration_time", gw.startedAt().plus(Duration.ofDays(3640)).toString());
        return AdminResponse.json(Json.bytes(obj("certificates", arr(obj("ca_cert", arr(ca), "cert_chain",
                arr(leaf))))));
    }

    /** As Envoy lists loaded certificates: serial in lower-case hex, DNS names, whole-second times, days left. */
    private static AdminResponse servedCerts(List<X509Certificate> certificates) {
        ArrayNode entries = arr();
        for (X509Certificate c : certificates) {
            ArrayNode sans = arr();
            try {
                if (c.getSubjectAlternativeNames() != null) {
                    c.getSubjectAlternativeNames().stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
                            .forEach(n -> sans.add(obj("dns", n.get(1))));
                }
            } catch (CertificateParsingException e) {
                throw new IllegalStateException(e);
            }
            Instant notAfter = c.getNotAfter().toInstant();
            long days = Math.max(0, Duration.between(Instant.now(), notAfter).toDays());
            entries.add(obj("ca_cert", arr(), "cert_chain", arr(obj("path", "<inline>",
                    "serial_number", c.getSerialNumber().toString(16), "subject_alt_names", sans,
                    "days_until_expiration", Long.toString(days), "valid_from", c.getNotBefore().toInstant().toString(),
                    "expiration_time", notAfter.toString()))));
        }
        return AdminResponse.json(Json.bytes(obj("certificates", entries)));
    }

    static AdminResponse memory(SimulatedGateway gw) {
        long allocated = 48_000_000L + gw.dumpPaddingClusters() * 20_000L;
        return AdminResponse.json(Json.bytes(obj("allocated", Long.toString(allocated),
                "heap_size", Long.toString(allocated * 2), "pageheap_unmapped", "0",
                "pageheap_free", "4194304", "total_thread_cache", "2097152",
                "total_physical_bytes", Long.toString(allocated * 2 + 8_388_608))));
    }

    /** {@code POST /logging?level=L} sets all loggers; {@code ?<logger>=L} one of them. */
    static AdminResponse logging(SimulatedGateway gw, Map<String, String> params) {
        Map<String, String> levels = gw.logLevels();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!isLevel(p.getValue()) || (!p.getKey().equals("level") && !levels.containsKey(p.getKey()))) {
                return AdminResponse.text(404, "error: unknown logger or level " + p.getKey() + "=" + p.getValue()
                        + "\nusage: /logging?<name>=<level> (change single level)\n"
                        + "/logging?level=<level> (change all levels)\n");
            }
            if (p.getKey().equals("level")) {
                levels.replaceAll((logger, old) -> p.getValue());
            } else {
                levels.put(p.getKey(), p.getValue());
            }
        }
        StringBuilder out = new StringBuilder("active loggers:\n");
        new TreeMap<>(levels).forEach((logger, level) -> out.append("  ").append(logger).append(": ")
                .append(level).append('\n'));
        return AdminResponse.text(200, out.toString());
    }

    private static boolean isLevel(String value) {
        for (String level : LEVELS) {
            if (level.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
