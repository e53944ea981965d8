package io.higress.fleet.resources;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters every write takes (contract §5): a read's targeting and namespace, plus dryRun and force. */
public class WriteParams extends ReadParams {
    @QueryParam("dryRun")
    @Parameter(description = "answer the plan per cluster (create|update|unchanged|delete and the field differences); write nothing")
    public boolean dryRun;

    @QueryParam("force")
    @Parameter(description = "modify objects that lack the label app.kubernetes.io/managed-by=higress-fleet")
    public boolean force;
}
