package io.higress.fleet.resources;

import io.higress.fleet.cluster.Cluster;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A read a kind answers at {@code GET /api/v1/<plural>} instead of its list when the view's query parameter is given
 * ({@code /api/v1/tls-certificates?expiringWithin=30d}). A bean in the kind's package; the endpoints find it by the
 * kind's plural and the parameter, so the framework names no kind. Its parameter is declared in {@link ListParams}
 * (the endpoints accept only declared parameters).
 */
public interface KindView {
    String EXPIRING_WITHIN = "expiringWithin";

    /** The plural of the kind it belongs to. */
    String plural();

    /** The query parameter selecting it. */
    String parameter();

    /**
     * The answer for the parameter's {@code value} (a 400 problem naming the parameter when it is invalid), over the
     * targeted clusters and namespace; {@code admin} decided on the request's thread.
     */
    Uni<Response> answer(String value, List<Cluster> targets, String namespace, boolean admin);
}
