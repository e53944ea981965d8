package io.higress.fleet.security.audit;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.StrictQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v1/audit (admin, by the access table): the audit log, newest first, across rotated files. */
@StrictQuery
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who wrote what, and who was denied (admin)")
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AuditRecorder recorder;

    public AuditResource(AuditRecorder recorder) {
        this.recorder = recorder;
    }

    @RegisterForReflection
    public record AuditPage(List<AuditEntry> items) {
    }

    @GET
    @Operation(operationId = "listAuditEntries", summary = "Audit entries, newest first; since/until are ISO-8601 "
            + "instants, action a prefix of 'METHOD /path'")
    @APIResponse(responseCode = "200", description = "the matching entries, newest first")
    public Uni<AuditPage> list(
            @QueryParam("since") @Parameter(description = "entries at or after this instant, e.g. "
                    + "2025-01-31T12:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            String since,
            @QueryParam("until") @Parameter(description = "entries before this instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String until,
            @QueryParam("principal") @Parameter(description = "the user or API key name") String principal,
            @QueryParam("action") @Parameter(description = "a prefix of 'METHOD /path', e.g. POST /api/v1/routes")
            String action,
            @QueryParam("limit") @Parameter(description = "at most this many entries (1 to 1000, default 100)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new ProblemException(Problem.invalid("limit", "must be between 1 and " + MAX_LIMIT));
        }
        AuditQuery q = new AuditQuery(instant("since", since), instant("until", until), blankToNull(principal),
                blankToNull(action), n);
        return Uni.createFrom().completionStage(() -> recorder.log().query(q)).map(AuditPage::new);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalid(field, "expected an ISO-8601 instant like 2025-01-31T12:00:00Z"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
