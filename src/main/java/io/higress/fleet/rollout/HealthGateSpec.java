package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What must hold for a cluster to pass (docs/rollouts.md, "Health gate"): every gateway ready; no xDS update
 * rejected since the apply ({@code rejectedUpdates}); over the bake, for the hosts / upstream clusters the rollout's
 * objects touch, the 5xx ratio at most {@code max5xxRatio}, the p99 latency at most {@code maxP99Ms}, at least
 * {@code minRequests} requests (else {@code onNoTraffic}), measured over the last {@code window} and checked every
 * {@code interval}; with {@code converged}, every gateway's route configuration pushed again after the apply.
 * Null: not checked / the default.
 */
@RegisterForReflection
public record HealthGateSpec(
        Boolean gatewaysReady,
        @Schema(description = "highest 5xx share (0..1) of the requests in the window, per host / upstream cluster "
                + "the rollout touches (the whole gateway when Envoy has no stats for them)") Double max5xxRatio,
        Boolean converged,
        @Schema(description = "fail when a gateway's LDS, CDS, RDS or ECDS update_rejected (or a Wasm filter's "
                + "config_fail) rose since the apply; default true") Boolean rejectedUpdates,
        @Schema(description = "highest p99 latency (ms) of the requests in the window, from Envoy's "
                + "upstream_rq_time histograms") Double maxP99Ms,
        @Schema(description = "requests needed in the window for a verdict on the metrics; fewer: onNoTraffic")
        Long minRequests,
        @Schema(description = "the metrics' window, a Go duration; default: the whole bake") String window,
        @Schema(description = "time between two gate checks during the bake, a Go duration; default: "
                + "min(waitTime/5, fleet.rollouts.max-poll-interval)") String interval,
        @Schema(enumeration = {"pass", "fail", "wait"}, description = "what too little traffic means at the end of "
                + "the bake: pass (default), fail, or wait for it (up to fleet.rollouts.verify-timeout)")
        String onNoTraffic) {

    public static final HealthGateSpec DEFAULT = new HealthGateSpec(true, null, false, true, null, null, null, null,
            NoTraffic.PASS.value());

    public boolean checksReady() {
        return !Boolean.FALSE.equals(gatewaysReady);
    }

    public boolean checksConverged() {
        return Boolean.TRUE.equals(converged);
    }

    public boolean checksRejected() {
        return !Boolean.FALSE.equals(rejectedUpdates);
    }

    /** Whether the bake samples request metrics at all. */
    public boolean checksMetrics() {
        return max5xxRatio != null || maxP99Ms != null || minRequests != null;
    }

    @JsonIgnore
    NoTraffic noTraffic() {
        return onNoTraffic == null ? NoTraffic.PASS : NoTraffic.of(onNoTraffic);
    }

    @JsonIgnore
    Duration windowDuration() {
        return window == null ? null : GoDuration.parse(window);
    }

    @JsonIgnore
    Duration intervalDuration() {
        return interval == null ? null : GoDuration.parse(interval);
    }

    /** The gate as it is applied, defaults filled in (what a reader of the rollout should see). */
    public HealthGateSpec effective() {
        return new HealthGateSpec(checksReady(), max5xxRatio, checksConverged(), checksRejected(), maxP99Ms,
                minRequests, window, interval, noTraffic().value());
    }
}
