package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --clusters a,b} and {@code --selector env=prod}: which clusters a call reaches (both: the intersection). */
final class TargetingOptions {
    @Option(names = "--clusters", paramLabel = "NAME", split = ",",
            description = "Only these clusters (comma-separated). Default: every cluster.")
    List<String> clusters;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Only clusters whose labels match, in Kubernetes syntax: env=prod, 'env in (dev,test)'.")
    String selector;

    Query addTo(Query query) {
        check();
        return query.add("clusters", clusters == null ? null : String.join(",", clusters)).add("selector", selector);
    }

    /** A rollout's targeting is in its body. */
    void addTo(ObjectNode body) {
        check();
        if (clusters != null) {
            ArrayNode names = body.putArray("clusters");
            clusters.forEach(names::add);
        }
        if (selector != null) {
            body.put("selector", selector);
        }
    }

    /** An empty --clusters or --selector (an unset $TARGET) must not mean every cluster: a usage error. */
    private void check() {
        if (clusters != null && (clusters.isEmpty() || clusters.stream().anyMatch(String::isBlank))) {
            throw CliFailure.usage("--clusters: empty cluster name in '" + String.join(",", clusters)
                    + "'; leave the option out to reach every cluster");
        }
        if (selector != null && selector.isBlank()) {
            throw CliFailure.usage("--selector: empty; leave the option out to reach every cluster");
        }
    }
}
