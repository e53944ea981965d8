/**
 * The facade's own cluster, its "home" ({@code fleet.home}): where state shared by every replica is kept, through
 * the Kubernetes API with resourceVersion preconditions. {@code HomeCluster} is the client and namespace (any store
 * of shared state uses it: today the cluster Secrets, {@code ClusterSecrets}); without a home the facade keeps its
 * single-process defaults.
 */
package io.higress.fleet.home;
