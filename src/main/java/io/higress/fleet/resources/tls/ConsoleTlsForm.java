package io.higress.fleet.resources.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * certificate ⇄ the console's {@code /v1/tls-certificates} {@code {name, version, cert, key, domains, validityStart,
 * validityEnd}}. The console answers neither {@code cert} nor {@code key} (it strips both), only what it read from
 * the certificate ({@code domains}, validity as {@code yyyy/MM/dd HH:mm:ss'Z'}): so a write sends both, always (there
 * is no stored key to keep, and no certificate to compare with: the console copy is updated on every write), and
 * their differences show digests. The console's own certificate ({@code default}, created at its start-up) needs
 * force; the others have nowhere to carry the fleet's mark and count as the fleet's.
 */
final class ConsoleTlsForm implements Form<TlsCertificateSpec> {
    static final ConsoleType CERTIFICATES = new ConsoleType("/v1/tls-certificates", false, false,
            List.of("cert", "key"));
    static final String CONSOLE_DEFAULT = "default";
    private static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss'Z'");

    @Override
    public Uni<Copy<TlsCertificateSpec>> read(StoreReads reads, String namespace, String name,
            TlsCertificateSpec desired) {
        return reads.get(CERTIFICATES.address(name)).map(o -> o == null
                ? Copy.<TlsCertificateSpec>absent(namespace, name, List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<TlsCertificateSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(CERTIFICATES, null).map(all -> all.stream().map(o -> copy(o, namespace)).toList());
    }

    @Override
    public List<Part> parts(TlsCertificateSpec t, String namespace, Copy<TlsCertificateSpec> current) {
        if (t.cert() == null) {
            throw new ProblemException(Problem.invalid("cert", "is required on console-managed clusters: the console "
                    + "never answers the certificate it holds, so every write sends it (with its key)"));
        }
        if (t.key() == null) {
            throw new ProblemException(Problem.invalid("key", "is required on console-managed clusters: the console "
                    + "never answers the key it holds, so a write cannot keep it"));
        }
        ObjectNode o = Json.MAPPER.createObjectNode().put("name", t.name()).put("cert", t.cert()).put("key", t.key());
        return List.of(new Part(CERTIFICATES.address(t.name()), o, null));
    }

    private static Copy<TlsCertificateSpec> copy(StoredObject o, String namespace) {
        JsonNode b = o.body();
        String name = b.path("name").asText(o.address().name());
        List<String> domains = new ArrayList<>();
        b.path("domains").forEach(d -> domains.add(d.asText()));
        TlsCertificateSpec spec = new TlsCertificateSpec(name, null, null, domains.isEmpty() ? null : domains,
                instant(b.path("validityStart")), instant(b.path("validityEnd")), null, namespace);
        return new Copy<>(namespace, name, spec, List.of(o), List.of(), !CONSOLE_DEFAULT.equals(name), o.version());
    }

    /** The console's local date-time, written in UTC, as an ISO-8601 instant. */
    static String instant(JsonNode v) {
        if (!v.isTextual()) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.asText(), CONSOLE_TIME).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return v.asText();
        }
    }
}
