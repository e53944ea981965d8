package io.higress.fleet.desiredstate;

import io.higress.fleet.notifications.EventType;
import io.higress.fleet.notifications.Notifier;
import io.higress.fleet.resources.SecretRedaction;
import io.higress.fleet.resources.WriteAnswer;
import io.higress.fleet.resources.WriteResult;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * A set's drift and failed syncs as webhook events: {@code desired-state.drifted} when a check finds drift that the
 * previous check did not (other objects, or other changes), {@code desired-state.sync-failed} when a sync failed in
 * some cluster. Both redacted as for a viewer.
 */
@ApplicationScoped
class DesiredStateEvents {

    @RegisterForReflection
    record SyncFailed(String set, List<WriteResult> failed, int total) {
    }

    private final Notifier notifier;
    private final Redaction redaction;

    DesiredStateEvents(Notifier notifier, Redaction redaction) {
        this.notifier = notifier;
        this.redaction = redaction;
    }

    void checked(DesiredStatus previous, DesiredStatus now) {
        if (!DesiredStatus.DRIFTED.equals(now.state()) || previous != null
                && DesiredStatus.DRIFTED.equals(previous.state()) && Objects.equals(drift(previous), drift(now))) {
            return; // in sync, failed, or the same drift as told before
        }
        long objects = now.clusters().stream().mapToLong(c -> c.objects().size()).sum();
        List<String> clusters = now.clusters().stream().filter(c -> !c.objects().isEmpty())
                .map(DesiredStatus.ClusterStatus::cluster).toList();
        notifier.publish(EventType.DESIRED_STATE_DRIFTED, "desired-state set " + now.name() + " drifted: " + objects
                + " object(s) in " + String.join(", ", clusters), now.redacted(redaction));
    }

    void syncFinished(DesiredState set, WriteAnswer answer) {
        List<WriteResult> failed = SecretRedaction.redact(answer, redaction).results().stream()
                .filter(WriteResult::failed).toList();
        if (failed.isEmpty()) {
            return;
        }
        WriteResult first = failed.get(0);
        notifier.publish(EventType.DESIRED_STATE_SYNC_FAILED, "sync of desired-state set " + set.name() + " failed: "
                        + failed.size() + " of " + answer.results().size() + " objects, first " + first.kind() + " "
                        + first.namespace() + "/" + first.name() + " in " + first.cluster(),
                new SyncFailed(set.name(), failed, answer.results().size()));
    }

    /** What drifted, to tell a new drift from the one already told. */
    private static List<List<Object>> drift(DesiredStatus s) {
        return s.clusters().stream().flatMap(c -> c.objects().stream().map(o -> List.<Object>of(c.cluster(),
                String.valueOf(o.kind()), String.valueOf(o.namespace()), String.valueOf(o.name()),
                String.valueOf(o.action()), String.valueOf(o.changes())))).toList();
    }
}
