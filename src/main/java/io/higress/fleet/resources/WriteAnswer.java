package io.higress.fleet.resources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of every write (contract §5): one result per cluster and object, and their counts. */
@RegisterForReflection
public record WriteAnswer(List<WriteResult> results, Summary summary, boolean dryRun) {

    @Schema(name = "WriteSummary")
    @RegisterForReflection
    public record Summary(int total, int succeeded, int failed) {
    }

    static WriteAnswer of(List<WriteResult> results, boolean dryRun) {
        int failed = (int) results.stream().filter(WriteResult::failed).count();
        return new WriteAnswer(List.copyOf(results), new Summary(results.size(), results.size() - failed, failed),
                dryRun);
    }
}
