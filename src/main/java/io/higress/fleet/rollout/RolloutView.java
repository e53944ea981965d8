package io.higress.fleet.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rollout as the API shows it (contract §6): no snapshots, {@code currentWave} counted from 1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record RolloutView(String id, String strategy, RolloutState state, String reason, int currentWave,
        int waveCount, List<Wave> waves, List<ObjectKey> objects, String waitTime, HealthGateSpec healthGate,
        String onFailure, int maxParallel, String createdBy, Instant createdAt, Instant updatedAt,
        @Schema(description = "what the rollout waits for, e.g. an approval of its next wave") String waiting,
        Boolean confirmPromotion,
        @Schema(description = "who approved which wave") List<String> approvals,
        @Schema(description = "the webhook gates (URLs without credentials, header values hidden)")
        WebhooksSpec webhooks,
        List<WindowSpec> windows,
        @Schema(description = "every call of a webhook gate and what it answered") List<HookOutcome> webhookOutcomes) {

    @Schema(name = "RolloutWave")
    @RegisterForReflection
    public record Wave(List<ClusterView> clusters) {
    }

    @Schema(name = "RolloutCluster")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record ClusterView(String name, ClusterState state, Instant startedAt, Instant appliedAt,
            Instant finishedAt, String error, String note, List<String> actions) {
    }

    /** The same view with its messages (reason, cluster errors and notes) passed through {@code redact}. */
    public RolloutView withMessages(UnaryOperator<String> redact) {
        List<Wave> redactedWaves = waves.stream().map(w -> new Wave(w.clusters().stream().map(c -> new ClusterView(
                c.name(), c.state(), c.startedAt(), c.appliedAt(), c.finishedAt(), redact.apply(c.error()),
                redact.apply(c.note()), c.actions())).toList())).toList();
        return new RolloutView(id, strategy, state, redact.apply(reason), currentWave, waveCount, redactedWaves, objects,
                waitTime, healthGate, onFailure, maxParallel, createdBy, createdAt, updatedAt, redact.apply(waiting),
                confirmPromotion, approvals, webhooks, windows, webhookOutcomes == null ? null : webhookOutcomes
                        .stream().map(o -> new HookOutcome(o.wave(), o.phase(), o.hook(), o.url(), o.passed(),
                                o.status(), redact.apply(o.reason()), o.at())).toList());
    }

    static RolloutView of(RolloutDocument d) {
        int n = d.waves.size();
        List<Wave> waves = d.waves.stream().map(w -> new Wave(w.stream().map(c -> new ClusterView(c.name, c.state,
                c.startedAt, c.appliedAt, c.finishedAt, c.error, c.note, c.actions)).toList())).toList();
        return new RolloutView(d.id, d.spec.strategy(), d.state, d.reason, Math.min(d.currentWave + 1, n), n, waves,
                d.spec.keys(), d.spec.waitTime(), d.spec.healthGate().effective(), d.spec.onFailure(), d.spec.maxParallel(),
                d.createdBy, d.createdAt, d.updatedAt, d.waitingNow(),
                d.spec.confirmPromotion() ? Boolean.TRUE : null, d.approvals,
                d.spec.webhooks() == null ? null : d.spec.webhooks().shown(), d.spec.windows(), d.hookOutcomes);
    }
}
