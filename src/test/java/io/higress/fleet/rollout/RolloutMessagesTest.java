package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.security.redaction.Redaction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rollout views and events quote upstream messages (reasons, errors, notes); non-admins read them through the redaction service. */
class RolloutMessagesTest {

    private static final String REFUSED = "cluster prod: kubernetes:prod answered 422: WasmPlugin \"ai-proxy\" is "
            + "invalid: spec.defaultConfig.apiTokens: Invalid value: \"sk-live-7\": too short";

    @Test
    void viewsAndEventsHideTheSecretsTheirMessagesQuote() {
        Redaction redaction = Redaction.defaults();
        RolloutView view = new RolloutView("r1", "all", RolloutState.FAILED, REFUSED, 1, 1,
                List.of(new RolloutView.Wave(List.of(new RolloutView.ClusterView("prod", ClusterState.FAILED, null,
                        null, null, REFUSED, REFUSED, List.of())))), List.of(), "0s", null, "rollback", 1, "alice",
                Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, null);
        RolloutView shown = view.withMessages(redaction::redact);
        assertThat(shown.reason()).doesNotContain("sk-live-7").contains("apiTokens: Invalid value: \"[redacted]\"");
        assertThat(shown.waves().get(0).clusters().get(0).error()).doesNotContain("sk-live-7");
        assertThat(shown.waves().get(0).clusters().get(0).note()).doesNotContain("sk-live-7");
        assertThat(shown.waves().get(0).clusters().get(0).name()).isEqualTo("prod");

        RolloutEvent event = new RolloutEvent("r1", Instant.EPOCH, RolloutState.FAILED, 1, REFUSED, "prod",
                ClusterState.FAILED, REFUSED, REFUSED, null, null);
        RolloutEvent redacted = event.withMessages(redaction::redact);
        assertThat(redacted.reason() + redacted.error() + redacted.note()).doesNotContain("sk-live-7");
        assertThat(redacted.cluster()).isEqualTo("prod");
    }
}
