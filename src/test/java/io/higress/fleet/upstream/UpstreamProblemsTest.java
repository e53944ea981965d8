package io.higress.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemType;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's §8 table, row by row. */
class UpstreamProblemsTest {

    static final UpstreamRef GW = UpstreamRef.envoyAdmin("dev", "gw-1");
    static final UpstreamRefused OPEN = new UpstreamRefused(UpstreamRefused.Reason.BREAKER_OPEN, GW, "open", 10);
    static final UpstreamRefused FULL = new UpstreamRefused(UpstreamRefused.Reason.BUSY, GW, "full", 1);
    static final UpstreamRef K8S = UpstreamRef.kubernetes("prod");

    @ParameterizedTest(name = "upstream {0} -> {1}")
    @CsvSource({
            "401, 502, upstream-unauthorized",
            "403, 502, upstream-forbidden",
            "404, 404, not-found",
            "409, 409, conflict",
            "400, 400, invalid-request",
            "422, 422, unprocessable",
            "500, 502, upstream-error",
            "503, 502, upstream-error",
            "504, 504, upstream-timeout"})
    void upstreamStatusesMap(int upstream, int facade, String slug) {
        Problem p = UpstreamProblems.toProblem(UpstreamException.status(upstream, "because"), GW);
        assertThat(p.status()).isEqualTo(facade);
        assertThat(p.type()).isEqualTo(ProblemType.BASE_URI + slug);
        assertThat(p.upstream().status()).isEqualTo(upstream);
        assertThat(p.upstream().kind()).isEqualTo("envoy-admin");
        assertThat(p.cluster()).isEqualTo("dev");
        assertThat(p.gateway()).isEqualTo("gw-1");
        assertThat(p.hint()).isNotBlank();
    }

    @Test
    void kubernetesStatusKeepsReasonAndCauses() {
        KubernetesClientException e = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("ingresses is forbidden: User cannot create")
                .withNewDetails().addNewCause().withField("spec").withMessage("denied").endCause().endDetails()
                .build());
        Problem p = UpstreamProblems.toProblem(e, K8S);
        assertThat(p.status()).isEqualTo(502);
        assertThat(p.upstream().status()).isEqualTo(403);
        assertThat(p.upstream().reason()).isEqualTo("Forbidden");
        assertThat(p.hint()).contains("RBAC");
        assertThat(p.errors()).hasSize(1);
        assertThat(p.cluster()).isEqualTo("prod");
        assertThat(p.gateway()).isNull();
    }

    @Test
    void outagesTimeoutsAndGuardRefusals() {
        assertThat(UpstreamProblems.toProblem(new CompletionException(new ConnectException("refused")), GW).status())
                .isEqualTo(502);
        assertThat(UpstreamProblems.toProblem(UpstreamException.timeout("slow"), GW).status()).isEqualTo(504);
        assertThat(UpstreamProblems.toProblem(new io.smallrye.mutiny.TimeoutException(), GW).status()).isEqualTo(504);
        assertThat(UpstreamProblems.toProblem(OPEN, GW).status()).isEqualTo(503);
        Problem full = UpstreamProblems.toProblem(FULL, GW);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.retryAfterSeconds()).isEqualTo(1L);
        assertThat(full.upstream().reason()).isEqualTo("bulkhead full");
        assertThat(UpstreamRefused.isBusy(FULL)).isTrue();
        assertThat(UpstreamRefused.isBusy(OPEN)).isFalse();
        assertThat(UpstreamProblems.toProblem(UpstreamException.malformed("garbage", null), GW).status())
                .isEqualTo(502);
    }

    @Test
    void onlyRetryWhatMaySucceed() {
        assertThat(UpstreamGuards.retryable(UpstreamException.status(404, "x"))).isFalse();
        assertThat(UpstreamGuards.retryable(UpstreamException.status(403, "x"))).isFalse();
        assertThat(UpstreamGuards.retryable(OPEN)).isFalse();
        assertThat(UpstreamGuards.retryable(FULL)).isFalse();
        assertThat(UpstreamGuards.retryable(UpstreamException.timeout("slow"))).isFalse();
        assertThat(UpstreamGuards.retryable(UpstreamException.status(503, "x"))).isTrue();
        assertThat(UpstreamGuards.retryable(UpstreamException.unreachable("reset", null))).isTrue();
        assertThat(UpstreamGuards.retryable(new KubernetesClientException(
                new StatusBuilder().withCode(409).build()))).isFalse();
    }
}
