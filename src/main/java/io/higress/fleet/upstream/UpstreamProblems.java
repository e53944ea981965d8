package io.higress.fleet.upstream;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The contract's mapping table (§8) for failures of upstream calls: one place, used by every caller. */
public final class UpstreamProblems {

    private UpstreamProblems() {
    }

    public static Problem toProblem(Throwable error, UpstreamRef ref) {
        return classify(unwrap(error), ref).withTarget(ref.cluster(), ref.gateway());
    }

    /** The upstream's own HTTP status, when it gave one (4xx are never retried). */
    public static int upstreamStatus(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof UpstreamException u) {
            return u.status();
        }
        if (t instanceof KubernetesClientException k) {
            return k.getCode();
        }
        return 0;
    }

    public static boolean isClientError(Throwable error) {
        int s = upstreamStatus(error);
        return s >= 400 && s < 500;
    }

    /** Failures that say nothing about the upstream's health: they neither open the breaker nor are retried. */
    public static boolean isRejectedByGuard(Throwable error) {
        return unwrap(error) instanceof UpstreamRefused;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Problem classify(Throwable t, UpstreamRef ref) {
        String kind = ref.kind().id();
        if (t instanceof ProblemException p) {
            return p.problem();
        }
        if (t instanceof java.util.concurrent.TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException) {
            return timeout(ref, "no answer in time");
        }
        if (t instanceof UpstreamException u) {
            return switch (u.failure()) {
                case STATUS -> forStatus(ref, u.status(), u.reason(), null);
                case TIMEOUT -> timeout(ref, u.reason());
                case UNREACHABLE -> Problem.of(ProblemType.UPSTREAM_UNREACHABLE, ref.id() + ": " + u.reason())
                        .withUpstream(new Problem.UpstreamInfo(kind, null, u.reason()));
                case MALFORMED -> Problem.of(ProblemType.UPSTREAM_ERROR, ref.id() + " sent a malformed answer: "
                        + u.reason()).withUpstream(new Problem.UpstreamInfo(kind, null, u.reason()));
            };
        }
        if (t instanceof KubernetesClientException k) {
            if (k.getCode() > 0) {
                Status status = k.getStatus();
                String reason = status != null && status.getReason() != null ? status.getReason() : null;
                String message = status != null && status.getMessage() != null ? status.getMessage() : k.getMessage();
                List<?> causes = status != null && status.getDetails() != null && status.getDetails().getCauses() != null
                        && !status.getDetails().getCauses().isEmpty() ? status.getDetails().getCauses() : null;
                return forStatus(ref, k.getCode(), reason != null ? reason : message, message).withErrors(causes);
            }
            Throwable cause = k.getCause();
            if (cause != null && cause != k) {
                return classify(unwrap(cause), ref);
            }
            return unreachable(ref, k.getMessage());
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof ClosedChannelException || t instanceof IOException
                || t instanceof io.vertx.core.VertxException) {
            return unreachable(ref, t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return Problem.of(ProblemType.UPSTREAM_ERROR, ref.id() + " failed: " + t.getClass().getSimpleName())
                .withUpstream(new Problem.UpstreamInfo(kind, null, t.getMessage()));
    }

    private static Problem timeout(UpstreamRef ref, String reason) {
        return Problem.of(ProblemType.UPSTREAM_TIMEOUT, ref.id() + " did not answer in time")
                .withUpstream(new Problem.UpstreamInfo(ref.kind().id(), null, reason));
    }

    private static Problem unreachable(UpstreamRef ref, String reason) {
        return Problem.of(ProblemType.UPSTREAM_UNREACHABLE, ref.id() + " is unreachable: " + reason)
                .withUpstream(new Problem.UpstreamInfo(ref.kind().id(), null, reason));
    }

    /** An upstream HTTP status into the facade's: its 4xx about our input are the caller's, its auth failures ours. */
    public static Problem forStatus(UpstreamRef ref, int status, String reason, String detail) {
        Problem.UpstreamInfo info = new Problem.UpstreamInfo(ref.kind().id(), status, reason);
        String what = detail != null ? detail : reason;
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UPSTREAM_UNAUTHORIZED;
            case 403 -> ProblemType.UPSTREAM_FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            case 400 -> ProblemType.INVALID_REQUEST;
            case 422 -> ProblemType.UNPROCESSABLE;
            case 429 -> ProblemType.UPSTREAM_UNAVAILABLE;
            case 504 -> ProblemType.UPSTREAM_TIMEOUT;
            default -> ProblemType.UPSTREAM_ERROR;
        };
        return Problem.of(type, ref.id() + " answered " + status + (what != null ? ": " + what : ""))
                .withUpstream(info);
    }
}
