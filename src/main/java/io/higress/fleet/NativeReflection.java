package io.higress.fleet;

import io.higress.fleet.desiredstate.DesiredStatesResource;
import io.higress.fleet.discovery.ClustersResource;
import io.higress.fleet.resources.ExportResource;
import io.higress.fleet.resources.KindsResource;
import io.higress.fleet.resources.ManifestsResource;
import io.higress.fleet.resources.ReadParams;
import io.higress.fleet.resources.BodyWriteParams;
import io.higress.fleet.resources.WriteParams;
import io.higress.fleet.revisions.RevisionsResource;
import io.higress.fleet.rollout.RolloutsResource;
import io.higress.fleet.security.LoginResource;
import io.higress.fleet.security.audit.AuditResource;
import io.higress.fleet.upstream.UpstreamsResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native image keeps only what it can see used. Quarkus REST registers its return types, but the facade also
 * writes records through Vert.x's JSON codec (problems at the HTTP edge, streamed items), inside {@code Object}
 * fields (fan-out item data) and into journals: every record carries {@code @RegisterForReflection} itself (a new
 * kind's spec records travel with their package), and {@code NativeReflectionTest} fails when one does not. Listed
 * here by class literal (a rename is a compile error): the endpoints whose declared query parameters
 * {@code StrictQueryFilter} reads by reflection, and their parameter beans.
 */
@RegisterForReflection(targets = {
        KindsResource.class,
        ManifestsResource.class,
        DesiredStatesResource.class,
        ExportResource.class,
        ReadParams.class,
        WriteParams.class,
        BodyWriteParams.class,
        RolloutsResource.class,
        RevisionsResource.class,
        ClustersResource.class,
        UpstreamsResource.class,
        AuditResource.class,
        LoginResource.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
