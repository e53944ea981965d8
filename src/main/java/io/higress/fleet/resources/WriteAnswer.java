package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of every write (contract §5): one result per cluster and object, and their counts. {@code failed}
 * counts the results with an error whose write was not applied, {@code unknown} those whose outcome is not known,
 * {@code partial} those partly applied (none of these three succeeded).
 */
@RegisterForReflection
public record WriteAnswer(List<WriteResult> results, Summary summary, boolean dryRun) {

    @Schema(name = "WriteSummary")
    @RegisterForReflection
    public record Summary(int total, int succeeded, int failed, int unknown, int partial) {
    }

    public static WriteAnswer of(List<WriteResult> results, boolean dryRun) {
        int notOk = (int) results.stream().filter(WriteResult::failed).count();
        int unknown = (int) results.stream().filter(WriteResult::unknown).count();
        int partial = (int) results.stream().filter(WriteResult::partial).count();
        return new WriteAnswer(List.copyOf(results), new Summary(results.size(), results.size() - notOk,
                notOk - unknown - partial, unknown, partial), dryRun);
    }
}
