package io.higress.fleet.cluster;

/**
 * A registered cluster added ({@code previous} null), changed, or removed ({@code current} null). Fired
 * synchronously by {@link ClusterRegistry} on the thread that changed it (a watch's, never an event loop), so that
 * observers build or drop what the cluster needs (clients, guards, meters, informers) before its first call.
 */
public record ClusterChange(Cluster previous, Cluster current) {

    public String name() {
        return current != null ? current.name() : previous.name();
    }
}
