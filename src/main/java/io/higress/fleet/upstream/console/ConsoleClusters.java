package io.higress.fleet.upstream.console;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;

/** Looks up a cluster's console block; a cluster without one is the caller's mistake (404), not an upstream's. */
final class ConsoleClusters {

    private ConsoleClusters() {
    }

    static FleetConfig.Console console(FleetConfig config, String cluster) {
        return console(cluster, config.clusters().get(cluster));
    }

    static FleetConfig.Console console(String cluster, FleetConfig.ClusterConfig c) {
        if (c == null || c.console().isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "cluster " + cluster + " has no console")
                    .withTarget(cluster, null)
                    .withHint("configure fleet.clusters." + cluster + ".console.url"));
        }
        return c.console().get();
    }
}
