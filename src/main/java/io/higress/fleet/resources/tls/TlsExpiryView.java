package io.higress.fleet.resources.tls;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.FleetResponses;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.FleetReader;
import io.higress.fleet.resources.FleetReader.ClusterCopies;
import io.higress.fleet.resources.KindView;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.envoy.AdminAnswer;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/tls-certificates?expiringWithin=30d}: the stored certificates of the targeted clusters (read
 * like the list) and, at the same time, what every gateway of those clusters serves (Envoy {@code /certs}, the
 * fleet fan-out with its guards), made into an {@link ExpiryReport}. A cluster or gateway that cannot be read is in
 * {@code errors} and the header {@code X-Fleet-Partial: true}.
 */
@ApplicationScoped
public class TlsExpiryView implements KindView {
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,5})([dh])");
    private static final long MAX_DAYS = 3650;

    private final FleetReader reader;
    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;

    public TlsExpiryView(FleetReader reader, GatewayFanOut fanOut, EnvoyAdmin envoy) {
        this.reader = reader;
        this.fanOut = fanOut;
        this.envoy = envoy;
    }

    @Override
    public String plural() {
        return "tls-certificates";
    }

    @Override
    public String parameter() {
        return EXPIRING_WITHIN;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Uni<Response> answer(String value, List<Cluster> targets, String namespace, boolean admin) {
        Duration within = window(value);
        Instant now = Instant.now();
        TlsCertificateKind kind = (TlsCertificateKind) Kinds.byPlural(plural());
        Uni<List<ClusterCopies>> stored = reader.list(kind, targets, namespace);
        Uni<List<FleetItem>> served = fanOut.across(targets, (c, g) -> envoy.get(c, g, "/certs", Map.of(),
                CallOptions.READ, EnvoyAdmin.OK, (AdminAnswer a) -> ServedCertificate.parse(a.text())))
                .collect().asList();
        return Uni.combine().all().unis(stored, served).asTuple().map(both -> {
            List<Problem> errors = new ArrayList<>();
            Map<String, List<TlsCertificateSpec>> byCluster = new LinkedHashMap<>();
            for (ClusterCopies r : both.getItem1()) {
                if (r.error() != null) {
                    errors.add(r.error());
                }
                byCluster.put(r.cluster().name(), r.copies().stream()
                        .map(c -> (TlsCertificateSpec) ((Copy<?>) c).spec()).toList());
            }
            List<ExpiryReport.Gateway> gateways = new ArrayList<>();
            for (FleetItem item : both.getItem2()) {
                if (item.isOk()) {
                    gateways.add(new ExpiryReport.Gateway(item.cluster(), item.gateway(),
                            (List<ServedCertificate>) item.data()));
                } else {
                    errors.add(item.error());
                }
            }
            ExpiryReport report = ExpiryReport.of(value, now, within, byCluster, gateways, errors);
            Response.ResponseBuilder b = Response.ok(report, MediaType.APPLICATION_JSON);
            return (report.partial() ? b.header(FleetResponses.PARTIAL_HEADER, "true") : b).build();
        });
    }

    /** {@code 30d} or {@code 72h}, at most ten years. */
    static Duration window(String value) {
        Matcher m = WINDOW.matcher(value == null ? "" : value);
        Duration d = m.matches() ? (m.group(2).equals("d") ? Duration.ofDays(Long.parseLong(m.group(1)))
                : Duration.ofHours(Long.parseLong(m.group(1)))) : null;
        if (d == null || d.toDays() > MAX_DAYS) {
            throw new ProblemException(Problem.invalid(EXPIRING_WITHIN, "must be a number of days or hours, e.g. 30d "
                    + "or 72h, at most " + MAX_DAYS + "d"));
        }
        return d;
    }
}
