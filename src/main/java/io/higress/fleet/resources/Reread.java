package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A write that got no answer — a timeout, or a connection lost once the write was sent — may have been applied all
 * the same. The {@link Applier} reads the object again and decides with these rules: applied (the result the write
 * would have had, with the version read), not applied (the write's own failure), or {@link Unknown} when the read
 * fails too.
 * <ul>
 * <li>a create was applied when the object is there holding what was sent (fields the server adds are allowed);</li>
 * <li>an update, when its version moved on from the one read before and it holds what was sent (without versions,
 * as some console objects are: when its content is exactly what was sent);</li>
 * <li>a delete, when the object is gone or being deleted.</li>
 * </ul>
 */
final class Reread {

    /** The outcome of a write is not known: neither the write nor the read after it got an answer. */
    static final class Unknown extends RuntimeException {
        private final transient Problem problem;

        Unknown(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private Reread() {
    }

    /** A failure after which the upstream may hold the write: no answer, or the connection lost. */
    static boolean mayHaveLanded(Throwable t) {
        if (!(t instanceof ProblemException p) || p.problem().upstream() == null) {
            return false;
        }
        String type = p.problem().type();
        return type.equals(ProblemType.UPSTREAM_TIMEOUT.uri()) || type.equals(ProblemType.UPSTREAM_UNREACHABLE.uri());
    }

    /** Whether {@code now} (null: absent) shows {@code op} applied. */
    static boolean applied(Planner.Op op, StoredObject now) {
        StoredType type = op.address().type();
        return switch (op.action()) {
            case CREATE -> now != null && covers(type.content(now.body()), type.content(op.body()));
            case UPDATE -> now != null && (op.version() != null && now.version() != null
                    ? !op.version().equals(now.version()) && covers(type.content(now.body()), type.content(op.body()))
                    : type.content(now.body()).equals(type.content(op.body())));
            case DELETE -> now == null || now.body().path("metadata").hasNonNull("deletionTimestamp");
            case UNCHANGED -> true;
        };
    }

    /** The write's problem, saying that it may have been applied and that reading the object failed too. */
    static Unknown unknown(Problem write, Problem read, ObjectRef ref, String cluster) {
        String again = Kinds.ALL.stream().filter(k -> k.names().kind().equals(ref.kind())).findFirst()
                .map(k -> "GET /api/v1/" + k.names().plural() + "/" + ref.name() + "?clusters=" + cluster
                        + (ref.namespace() == null ? "" : "&namespace=" + ref.namespace()))
                .orElse("read " + ref + " in cluster " + cluster);
        return new Unknown(write.withDetail(write.detail() + "; the write may have been applied, and reading "
                        + ref + " again failed too: " + read.detail())
                .withHint("the outcome is unknown: read the object again (" + again + ") before you retry"));
    }

    /** Every field of {@code sent} is in {@code held} with the same value; {@code held} may have more. */
    static boolean covers(JsonNode held, JsonNode sent) {
        if (sent instanceof ObjectNode s) {
            if (!(held instanceof ObjectNode h)) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!h.has(f.getKey()) || !covers(h.get(f.getKey()), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sent != null && sent.isArray()) {
            if (held == null || !held.isArray() || held.size() != sent.size()) {
                return false;
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!covers(held.get(i), sent.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(held, sent);
    }
}
