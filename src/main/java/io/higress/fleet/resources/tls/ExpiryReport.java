package io.higress.fleet.resources.tls;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@code GET /api/v1/tls-certificates?expiringWithin=30d}: the stored certificates that expire
 * before {@code before}, per cluster, soonest first; the certificates the gateways serve that do; and every gateway
 * that serves, for a stored certificate's domains, another certificate than the stored one (a renewal that did not
 * reach the gateway, a Secret changed behind the console). A served certificate is the stored one when the serial
 * numbers agree (a console copy has none: then its domains and expiry). {@code errors}: the clusters and gateways
 * that could not be read ({@code partial}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpiryReport(String expiringWithin, Instant now, Instant before, List<Stored> certificates,
        List<Served> served, List<Difference> differences, List<Problem> errors, boolean partial) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stored(String name, String cluster, Instant validityEnd, long daysLeft, boolean expired,
            List<String> domains, String serialNumber) {
    }

    /** {@code certificate}: the stored certificate it is, or null when it is none of the cluster's. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Served(String cluster, String gateway, String serialNumber, List<String> domains,
            Instant validityEnd, long daysLeft, String certificate) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(String serialNumber, Instant validityEnd) {
    }

    @RegisterForReflection
    public record Difference(String cluster, String gateway, String certificate, List<String> domains, Side stored,
            Side served) {
    }

    /** What one gateway serves. */
    @RegisterForReflection
    record Gateway(String cluster, String gateway, List<ServedCertificate> certificates) {
    }

    static ExpiryReport of(String window, Instant now, Duration within, Map<String, List<TlsCertificateSpec>> stored,
            List<Gateway> gateways, List<Problem> errors) {
        Instant before = now.plus(within);
        List<Stored> expiring = new ArrayList<>();
        stored.forEach((cluster, certs) -> certs.stream().filter(c -> end(c) != null && end(c).isBefore(before))
                .forEach(c -> expiring.add(new Stored(c.name(), cluster, end(c), daysLeft(now, end(c)),
                        end(c).isBefore(now), c.domains(), c.serialNumber()))));
        expiring.sort(Comparator.comparing(Stored::validityEnd).thenComparing(Stored::cluster));
        List<Served> served = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        for (Gateway g : gateways) {
            List<TlsCertificateSpec> certs = stored.getOrDefault(g.cluster(), List.of());
            for (ServedCertificate s : g.certificates()) {
                TlsCertificateSpec same = certs.stream().filter(c -> same(c, s)).findFirst().orElse(null);
                if (s.notAfter().isBefore(before)) {
                    served.add(new Served(g.cluster(), g.gateway(), s.serialNumber(), s.domains(), s.notAfter(),
                            daysLeft(now, s.notAfter()), same == null ? null : same.name()));
                }
                if (same != null) {
                    continue;
                }
                certs.stream().filter(c -> overlap(c, s)).forEach(c -> differences.add(new Difference(g.cluster(),
                        g.gateway(), c.name(), c.domains(), new Side(c.serialNumber(), end(c)),
                        new Side(s.serialNumber(), s.notAfter()))));
            }
        }
        served.sort(Comparator.comparing(Served::validityEnd).thenComparing(Served::cluster)
                .thenComparing(Served::gateway));
        return new ExpiryReport(window, now, before, expiring, served, differences, List.copyOf(errors),
                !errors.isEmpty());
    }

    private static Instant end(TlsCertificateSpec c) {
        return c.validityEnd() == null ? null : Instant.parse(c.validityEnd());
    }

    private static long daysLeft(Instant now, Instant end) {
        return Math.floorDiv(Duration.between(now, end).toSeconds(), 86_400);
    }

    private static boolean same(TlsCertificateSpec c, ServedCertificate s) {
        if (c.serialNumber() != null) {
            return c.serialNumber().equals(s.serialNumber());
        }
        return Objects.equals(end(c), s.notAfter()) && c.domains() != null
                && new HashSet<>(c.domains()).equals(new HashSet<>(s.domains()));
    }

    private static boolean overlap(TlsCertificateSpec c, ServedCertificate s) {
        Set<String> domains = c.domains() == null ? Set.of() : new HashSet<>(c.domains());
        return s.domains().stream().anyMatch(domains::contains);
    }
}
