package io.higress.fleet.upstream.console;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.UpstreamException;
import io.vertx.core.http.HttpMethod;

/**
 * The console's status codes and quirks (reference: higress.md, "Response shapes") into what they mean for the
 * facade. The decisions:
 * <ul>
 * <li>502 WITH the console's error body is its "not found" raised inside a service → 404. A 502 without that body
 * comes from something in front of the console (a proxy) and stays an upstream failure.</li>
 * <li>500 answering {@code DELETE /v1/domains/{d}} is "the domain still has routes" → 409, hint: remove the routes
 * first. Decided by the request, not by the message text, which is not stable across console versions. Any other
 * 500 stays an upstream failure (502).</li>
 * <li>409: the console answers "exists" and "stale version" alike ({@code ResourceConflictException: null}), so the
 * method decides: a PUT's 409 is a stale {@code version} → hint "re-read and retry"; a POST's (or DELETE's) 409 is
 * "exists" (or a built-in) → hint "update it, or delete it first".</li>
 * <li>500 to a PUT whose text is the console's Kubernetes client's "Not Found" (a PUT of a missing route) → 404.</li>
 * <li>400 → 400 with the console's message. 401 here means re-authentication already failed → the facade's own
 * credentials were refused (502 upstream-unauthorized, hint: the password file).</li>
 * </ul>
 */
final class ConsoleErrors {

    private ConsoleErrors() {
    }

    static ConsoleFailure failure(String cluster, ConsoleRequest request, ConsoleAnswer answer) {
        int status = answer.status();
        String consoleText = consoleText(answer);
        String message = consoleText != null ? consoleText : (answer.body() == null || answer.body().isBlank()
                ? "empty answer" : "not the console's error shape");
        return switch (status) {
            case 400 -> new ConsoleFailure(400, 400, message, "the console refused the request: fix what its message names");
            case 401 -> new ConsoleFailure(401, 401, message, unauthorizedHint(cluster));
            case 404 -> new ConsoleFailure(404, 404, consoleText != null ? message : "not found", null);
            case 409 -> new ConsoleFailure(409, 409, message, request.method() == HttpMethod.PUT
                    ? "stale: someone changed it since it was read; re-read it and retry"
                    : "it exists: update it, or delete it first");
            case 500 -> isDomainDelete(request)
                    ? new ConsoleFailure(409, 500, message, "routes still use this domain: delete them or remove the "
                            + "domain from them first")
                    : request.method() == HttpMethod.PUT && message.startsWith("Not Found")
                    ? new ConsoleFailure(404, 500, message + " (the console's 500 for updating a missing object)",
                            "it was deleted since it was read; create it with POST")
                    : new ConsoleFailure(500, 500, message, null);
            case 502 -> consoleText != null
                    ? new ConsoleFailure(404, 502, message + " (the console's 502 for \"not found\")", null)
                    : new ConsoleFailure(502, 502, message, null);
            default -> new ConsoleFailure(status, status, message, null);
        };
    }

    static String unauthorizedHint(String cluster) {
        return "check fleet.clusters." + cluster + ".console.username and the password in its password-file "
                + "(a password containing ':' works only through the session login, see docs/console.md)";
    }

    private static String consoleText(ConsoleAnswer answer) {
        try {
            return ConsoleEnvelope.errorMessage(answer.json());
        } catch (UpstreamException e) {
            return null;
        }
    }

    private static boolean isDomainDelete(ConsoleRequest r) {
        return r.method() == HttpMethod.DELETE && r.path().startsWith("/v1/domains/")
                && r.path().indexOf('/', "/v1/domains/".length()) < 0;
    }

    /**
     * The guard mapped the failure by its meaning; put back what the console literally said and the precise hint.
     */
    static Throwable refine(Throwable t, ConsoleFailure f, String upstreamId) {
        if (!(t instanceof ProblemException p) || f == null) {
            return t;
        }
        Problem problem = p.problem()
                .withDetail(upstreamId + " answered " + f.consoleStatus() + ": " + f.consoleMessage())
                .withUpstream(new Problem.UpstreamInfo("console", f.consoleStatus(), f.consoleMessage()));
        if (f.hint() != null) {
            problem = problem.withHint(f.hint());
        }
        return new ProblemException(problem);
    }
}
