package io.higress.fleet.sim.console;

import static io.higress.fleet.sim.console.ConsoleAnswer.conflict;
import static io.higress.fleet.sim.console.ConsoleAnswer.empty;
import static io.higress.fleet.sim.console.ConsoleAnswer.envelope;
import static io.higress.fleet.sim.console.ConsoleAnswer.error;
import static io.higress.fleet.sim.console.ConsoleAnswer.invalid;
import static io.higress.fleet.sim.console.ConsoleAnswer.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.sim.TestCertificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The console's TLS certificates (TlsCertificatesController, TlsCertificateServiceImpl): a Secret of type
 * kubernetes.io/tls each, {@code version} enforced (stale → 409); stored as sent, unchecked (the console does not
 * look at whether certificate and key belong together); EVERY answer strips {@code cert} and {@code key} and shows
 * what the console reads from the certificate: {@code domains} (CN, then DNS names) and the validity as
 * {@code yyyy/MM/dd HH:mm:ss'Z'}. The start-up certificate {@code default} exists from the start.
 */
final class ConsoleCertificates {
    static final String DEFAULT_CERTIFICATE = "default";
    private static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ConsoleCollection certificates;

    ConsoleCertificates(ConsoleCollection certificates) {
        this.certificates = certificates;
        TestCertificates.Issued own = TestCertificates.issue("EC", "higress-default-domain", List.of(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)));
        certificates.put(DEFAULT_CERTIFICATE, ConsoleSimulator.JSON.createObjectNode().put("name", DEFAULT_CERTIFICATE)
                .put("cert", own.certPem()).put("key", own.keyPem()));
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
            case "GET" -> certificates.get(name) == null ? empty(404) : envelope(answer(certificates.get(name)));
            case "PUT" -> put(name, body);
            case "DELETE" -> {
                certificates.remove(name);
                yield empty(204);
            }
            default -> empty(405);
        };
    }

    List<ObjectNode> listed() {
        return certificates.all().stream().map(ConsoleCertificates::answer).toList();
    }

    /** What the console holds, certificate and key included (what no answer shows). */
    ObjectNode stored(String name) {
        return certificates.get(name);
    }

    private ConsoleAnswer add(JsonNode body) {
        String name = ConsoleObjects.text(body, "name");
        if (name == null) {
            return invalid("Certificate name is required.");
        }
        if (certificates.get(name) != null) {
            return conflict();
        }
        return raw(201, answer(certificates.put(name, stored(body))));
    }

    private ConsoleAnswer put(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            return invalid("malformed body");
        }
        ObjectNode current = certificates.get(name);
        if (current == null) {
            return error(500, "io.kubernetes.client.openapi.ApiException: Not Found - ");
        }
        String version = ConsoleObjects.text(body, "version");
        if (version != null && !version.equals(current.path("version").asText())) {
            return conflict();
        }
        return raw(200, answer(certificates.put(name, stored(((ObjectNode) body).deepCopy().put("name", name)))));
    }

    private static ObjectNode stored(JsonNode body) {
        ObjectNode s = ConsoleSimulator.JSON.createObjectNode().put("name", body.path("name").asText());
        s.set("cert", body.path("cert").isTextual() ? body.get("cert") : ConsoleSimulator.JSON.nullNode());
        s.set("key", body.path("key").isTextual() ? body.get("key") : ConsoleSimulator.JSON.nullNode());
        return s;
    }

    /** secret2TlsCertificate, then stripSensitiveInfo. */
    private static ObjectNode answer(ObjectNode stored) {
        ObjectNode a = ConsoleSimulator.JSON.createObjectNode().put("name", stored.path("name").asText())
                .put("version", stored.path("version").asText());
        a.putNull("cert").putNull("key");
        X509Certificate c = parse(stored.path("cert").asText(""));
        if (c == null) {
            a.putNull("domains").putNull("validityStart").putNull("validityEnd");
            return a;
        }
        ArrayNode domains = a.putArray("domains");
        String subject = c.getSubjectX500Principal().getName();
        if (subject.startsWith("CN=")) {
            domains.add(subject.substring(3).split(",")[0]);
        }
        try {
            if (c.getSubjectAlternativeNames() != null) {
                c.getSubjectAlternativeNames().stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
                        .map(n -> (String) n.get(1)).filter(d -> !domains.toString().contains("\"" + d + "\""))
                        .forEach(domains::add);
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // the CN alone, as the console logs and goes on
        }
        a.put("validityStart", CONSOLE_TIME.format(c.getNotBefore().toInstant()));
        a.put("validityEnd", CONSOLE_TIME.format(c.getNotAfter().toInstant()));
        return a;
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }
}
