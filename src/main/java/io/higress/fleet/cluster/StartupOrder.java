package io.higress.fleet.cluster;

/**
 * The order in which start-up observers run (lowest first; CDI's default is 2500), declared in one place because
 * each step needs the one before: guards exist before any client or informer calls through them, the pod informers
 * exist before anything asks for a cluster's gateways (otherwise a cluster reads as "not watched yet"), the
 * runtime clusters' watch starts after the configured clusters are watched (its additions then start their own
 * informers once), and unfinished rollouts resume last.
 */
public final class StartupOrder {
    public static final int GUARDS = 1000;
    public static final int CLIENTS = 1001;
    public static final int DISCOVERY = 1002;
    public static final int RUNTIME_CLUSTERS = 1003;
    public static final int ROLLOUTS = 1004;

    private StartupOrder() {
    }
}
