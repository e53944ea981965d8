package io.higress.fleet.cluster;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A registered cluster added ({@code previous} null), changed, or removed ({@code current} null). Fired
 * synchronously by {@link ClusterRegistry} on the thread that changed it (a watch's, never an event loop), so that
 * observers build or drop what the cluster needs (clients, guards, meters, informers) before its first call.
 */
@RegisterForReflection
public record ClusterChange(Cluster previous, Cluster current) {

    /** Observer priorities (lowest first; the default is 2500): the cluster's client, then its guards, then users. */
    public static final int CLIENTS = 1000;
    public static final int GUARDS = 1001;

    public String name() {
        return current != null ? current.name() : previous.name();
    }
}
