package io.higress.fleet.resources.tls;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaf certificate one gateway serves, from Envoy's {@code /certs}: {@code certificates[].cert_chain[0]} with its
 * {@code serial_number}, DNS {@code subject_alt_names} and {@code expiration_time}. Entries without a DNS name (the
 * mesh's SPIFFE identities) are not TLS certificates of domains and are left out.
 */
@RegisterForReflection
record ServedCertificate(String serialNumber, List<String> domains, Instant notAfter) {

    static List<ServedCertificate> parse(String certs) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(certs);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON from /certs", e);
        }
        List<ServedCertificate> out = new ArrayList<>();
        for (JsonNode entry : root.path("certificates")) {
            JsonNode leaf = entry.path("cert_chain").path(0);
            List<String> domains = new ArrayList<>();
            leaf.path("subject_alt_names").forEach(n -> {
                if (n.path("dns").isTextual()) {
                    domains.add(n.get("dns").asText());
                }
            });
            Instant notAfter = instant(leaf.path("expiration_time").asText(null));
            if (!domains.isEmpty() && notAfter != null) {
                out.add(new ServedCertificate(CertificateFacts.serial(leaf.path("serial_number").asText("")),
                        List.copyOf(domains), notAfter));
            }
        }
        return out;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
