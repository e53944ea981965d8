package io.higress.fleet.resources;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters every write takes (contract §5): a read's targeting and namespace, plus dryRun and force.
 * The flags are parsed here from the raw query, not by JAX-RS's boolean conversion, which reads anything but
 * {@code true} as false and does not see a bare {@code ?dryRun} at all: both would write for real.
 */
public class WriteParams extends ReadParams {
    @QueryParam("dryRun")
    @Parameter(description = "answer the plan per cluster (create|update|unchanged|delete and the field differences); "
            + "write nothing. A bare flag, true or All (as Kubernetes spells it) mean yes; false means no")
    public String dryRun;

    @QueryParam("force")
    @Parameter(description = "modify objects that lack the label app.kubernetes.io/managed-by=higress-fleet; "
            + "a bare flag or true mean yes")
    public String force;

    public boolean dryRun(HttpServerRequest request) {
        return flag("dryRun", request.getParam("dryRun"), false);
    }

    public boolean force(HttpServerRequest request) {
        return flag("force", request.getParam("force"), false);
    }

    /**
     * A flag of the raw query ({@code request.getParam}): {@code absent} when not given, yes for a bare flag or
     * {@code true} ({@code dryRun} also takes {@code All}, as Kubernetes spells it), no for {@code false}; anything
     * else is a 400 naming it.
     */
    public static boolean flag(String name, String value, boolean absent) {
        boolean allowAll = name.equals("dryRun");
        if (value == null) {
            return absent;
        }
        if (value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || allowAll && value.equals("All")) {
            return true;
        }
        throw new ProblemException(Problem.invalid(name, "'" + value + "' is not a flag value; use " + name
                + (allowAll ? ", " + name + "=true or " + name + "=All" : " or " + name + "=true") + " (or false)"));
    }
}
