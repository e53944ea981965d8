package io.higress.fleet.resources;

import io.higress.fleet.notifications.EventType;
import io.higress.fleet.notifications.Notifier;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Tells the webhooks about writes that failed in some cluster ({@code write.failed}), whatever path wrote: REST,
 * manifests, rollouts, restores. One event per request (or per rollout cluster), listing the failed results.
 */
@ApplicationScoped
class FailedWrites {

    /** The event's data: the failed results, out of how many, and the rollout that wrote (else null). */
    @RegisterForReflection
    record Failed(List<WriteResult> failed, int total, String rollout) {
    }

    private final Notifier notifier;

    FailedWrites(Notifier notifier) {
        this.notifier = notifier;
    }

    void report(List<WriteResult> results, Applier.Options options) {
        if (options.dryRun() || !notifier.wanted(EventType.WRITE_FAILED)) {
            return;
        }
        List<WriteResult> failed = results.stream().filter(WriteResult::failed).toList();
        if (failed.isEmpty()) {
            return;
        }
        WriteResult first = failed.get(0);
        String summary = failed.size() + " of " + results.size() + " writes failed" + (options.rollout() == null ? ""
                : " (rollout " + options.rollout() + ")") + ": " + first.kind() + " " + first.namespace() + "/"
                + first.name() + " in " + first.cluster() + ": " + first.error().detail()
                + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : "");
        notifier.publish(EventType.WRITE_FAILED, summary, new Failed(failed, results.size(), options.rollout()));
    }
}
