package io.higress.fleet.cluster;

import java.util.List;

/**
 * The caller's side of targeting: {@link ClusterRegistry#select} hands every selection to it before any endpoint
 * calls a cluster, so that no fan-out or write reaches a cluster the caller may not act on. The security feature
 * implements it (scoped role bindings); the cluster definitions only declare the hook, since they come first.
 */
public interface TargetScope {

    /**
     * The clusters of {@code selected} the current caller may act on.
     *
     * @param explicit whether the request named clusters or a selector (a request that named none selects every
     *        cluster: a read is then narrowed, a write is refused)
     * @throws io.higress.fleet.problem.ProblemException 403 naming the clusters outside the caller's scope
     */
    List<Cluster> admit(List<Cluster> selected, boolean explicit);
}
